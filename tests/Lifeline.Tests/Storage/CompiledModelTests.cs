using System.Globalization;
using System.Text;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Lifeline.Tests.Storage;

/// <summary>
/// The server starts with the compiled model in Storage/CompiledModels; the model that the entity configurations
/// describe must be the same, or the server would read and write with an old picture of the schema.
/// </summary>
public sealed class CompiledModelTests
{
    [Theory, DatabaseData]
    public async Task CompiledModel_MatchesTheConfiguredModel(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        var compiled = db.Model;
        var configured = db.GetService<IDesignTimeModel>().Model;

        Assert.IsAssignableFrom<RuntimeModel>(compiled);
        Assert.Equal(Describe(configured), Describe(compiled));
    }

    private static string Describe(IModel model)
    {
        var text = new StringBuilder();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{entity.Name} -> {entity.GetTableName()}");
            foreach (var property in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {property.Name} {property.ClrType.Name} -> {property.GetColumnName()} {property.GetColumnType()} " +
                    $"null={property.IsNullable} max={property.GetMaxLength()} provider={property.GetTypeMapping().Converter?.ProviderClrType.Name} " +
                    $"generated={property.ValueGenerated} concurrency={property.IsConcurrencyToken}");
            }
            foreach (var key in entity.GetKeys().OrderBy(k => Names(k.Properties), StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  key {Names(key.Properties)} primary={key.IsPrimaryKey()}");
            }
            foreach (var index in entity.GetIndexes().OrderBy(i => Names(i.Properties), StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  index {Names(index.Properties)} unique={index.IsUnique} filter={index.GetFilter()}");
            }
            foreach (var foreignKey in entity.GetForeignKeys().OrderBy(f => Names(f.Properties), StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  fk {Names(foreignKey.Properties)} -> {foreignKey.PrincipalEntityType.Name} {foreignKey.DeleteBehavior}");
            }
        }
        return text.ToString();
    }

    private static string Names(IReadOnlyList<IProperty> properties) => string.Join(",", properties.Select(p => p.Name));
}
