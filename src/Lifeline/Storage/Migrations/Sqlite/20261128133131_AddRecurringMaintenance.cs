using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifeline.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRecurringMaintenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RecurringMaintenanceId",
                table: "MaintenanceWindows",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RecurringMaintenances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecurringMaintenances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecurringMaintenances_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceWindows_RecurringMaintenanceId_StartsAt",
                table: "MaintenanceWindows",
                columns: new[] { "RecurringMaintenanceId", "StartsAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecurringMaintenances_ServiceId",
                table: "RecurringMaintenances",
                column: "ServiceId");

            migrationBuilder.AddForeignKey(
                name: "FK_MaintenanceWindows_RecurringMaintenances_RecurringMaintenanceId",
                table: "MaintenanceWindows",
                column: "RecurringMaintenanceId",
                principalTable: "RecurringMaintenances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_MaintenanceWindows_RecurringMaintenances_RecurringMaintenanceId",
                table: "MaintenanceWindows");

            migrationBuilder.DropTable(
                name: "RecurringMaintenances");

            migrationBuilder.DropIndex(
                name: "IX_MaintenanceWindows_RecurringMaintenanceId_StartsAt",
                table: "MaintenanceWindows");

            migrationBuilder.DropColumn(
                name: "RecurringMaintenanceId",
                table: "MaintenanceWindows");
        }
    }
}
