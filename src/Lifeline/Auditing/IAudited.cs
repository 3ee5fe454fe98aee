namespace Lifeline.Auditing;

/// <summary>Marks an entity whose every change is written to the audit log by <see cref="AuditInterceptor"/>.</summary>
public interface IAudited
{
    Guid Id { get; }
}
