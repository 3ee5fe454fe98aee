using Lifeline.Cli.Output;

namespace Lifeline.Tests.Cli;

public sealed class TableTests
{
    [Fact]
    public void Write_CellsOfDifferentWidths_AlignsColumns()
    {
        using var writer = new StringWriter();

        new Table("NAME", "PHONE").Add("Henry Castillo", "+18605550106").Add("Al", null).Add("Multi\nline", "x").Write(writer);

        Assert.Equal(
            ["NAME            PHONE", "Henry Castillo  +18605550106", "Al              -", "Multi line      x"],
            writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
