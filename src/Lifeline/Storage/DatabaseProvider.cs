namespace Lifeline.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
