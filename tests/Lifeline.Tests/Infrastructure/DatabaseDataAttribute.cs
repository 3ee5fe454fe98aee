using System.Reflection;
using Lifeline.Storage;
using Xunit.Sdk;
using Xunit.v3;

namespace Lifeline.Tests.Infrastructure;

/// <summary>Runs a theory once per database provider: <c>[Theory, DatabaseData] void X(DatabaseProvider provider)</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseDataAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        ValueTask.FromResult<IReadOnlyCollection<ITheoryDataRow>>(
        [
            new TheoryDataRow<DatabaseProvider>(DatabaseProvider.Sqlite),
            new TheoryDataRow<DatabaseProvider>(DatabaseProvider.Postgres),
        ]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
