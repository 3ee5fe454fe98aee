namespace Lifeline.Directory.People;

public enum ContactMethodKind
{
    OfficePhone,
    CellPhone,
    Email,
    ChatWebhook,
    Webhook,
}
