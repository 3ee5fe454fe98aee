using Lifeline.Storage;
using Microsoft.Extensions.Options;

namespace Lifeline.Incidents;

/// <summary>Passes <see cref="IncidentChanges"/> between the instances on one PostgreSQL database.</summary>
public sealed class PostgresIncidentRelay(IncidentChanges changes, IOptions<DatabaseOptions> database, ILogger<PostgresIncidentRelay> logger)
    : PostgresChangeRelay<IncidentChanges>(changes, ChannelName, "incident", database, logger)
{
    internal const string ChannelName = "lifeline_incidents";
}
