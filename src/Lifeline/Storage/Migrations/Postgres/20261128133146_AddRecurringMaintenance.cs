using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifeline.Storage.Migrations.Postgres
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
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RecurringMaintenances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Schedule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "FK_MaintenanceWindows_RecurringMaintenances_RecurringMaintenan~",
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
                name: "FK_MaintenanceWindows_RecurringMaintenances_RecurringMaintenan~",
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
