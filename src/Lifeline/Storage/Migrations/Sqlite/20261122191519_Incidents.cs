using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifeline.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Incidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BridgeDialIn",
                table: "ServiceAreas",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BridgeLink",
                table: "ServiceAreas",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BridgePin",
                table: "ServiceAreas",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClassificationRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MajorEnterpriseService = table.Column<bool>(type: "INTEGER", nullable: true),
                    PublicFacing = table.Column<bool>(type: "INTEGER", nullable: true),
                    VipAffected = table.Column<bool>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    MinimumScope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassificationRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncidentNumberCounters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentNumberCounters", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "Organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsVip = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SeverityLevels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Definition = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Examples = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AcknowledgeWithinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusUpdateEveryMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolveWithinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Procedure = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeverityLevels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReporterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReporterContact = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedSeverity = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IncidentManagerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BridgeDialIn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BridgePin = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    BridgeLink = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolutionSummary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsDrill = table.Column<bool>(type: "INTEGER", nullable: false),
                    ManualLogId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Incidents_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Incidents_People_IncidentManagerId",
                        column: x => x.IncidentManagerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Incidents_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncidentStatusUpdates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    IsolatedTo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ExpectedResolutionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PostedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentStatusUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentStatusUpdates_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTeams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTeams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentTeams_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentTeams_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTimeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FromManualLog = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImportKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTimeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentTimeline_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyInvitations_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClassificationRules_Order",
                table: "ClassificationRules",
                column: "Order");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_IncidentManagerId",
                table: "Incidents",
                column: "IncidentManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ManualLogId",
                table: "Incidents",
                column: "ManualLogId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Number",
                table: "Incidents",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OpenedAt",
                table: "Incidents",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OrganisationId",
                table: "Incidents",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ServiceId",
                table: "Incidents",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Status_Severity",
                table: "Incidents",
                columns: new[] { "Status", "Severity" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentStatusUpdates_IncidentId_PostedAt",
                table: "IncidentStatusUpdates",
                columns: new[] { "IncidentId", "PostedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTeams_IncidentId_TeamId",
                table: "IncidentTeams",
                columns: new[] { "IncidentId", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTeams_TeamId",
                table: "IncidentTeams",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTimeline_IncidentId_ImportKey",
                table: "IncidentTimeline",
                columns: new[] { "IncidentId", "ImportKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTimeline_IncidentId_OccurredAt",
                table: "IncidentTimeline",
                columns: new[] { "IncidentId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Name",
                table: "Organisations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SeverityLevels_Level",
                table: "SeverityLevels",
                column: "Level",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_IncidentId",
                table: "SurveyInvitations",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_TokenHash",
                table: "SurveyInvitations",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClassificationRules");

            migrationBuilder.DropTable(
                name: "IncidentNumberCounters");

            migrationBuilder.DropTable(
                name: "IncidentStatusUpdates");

            migrationBuilder.DropTable(
                name: "IncidentTeams");

            migrationBuilder.DropTable(
                name: "IncidentTimeline");

            migrationBuilder.DropTable(
                name: "SeverityLevels");

            migrationBuilder.DropTable(
                name: "SurveyInvitations");

            migrationBuilder.DropTable(
                name: "Incidents");

            migrationBuilder.DropTable(
                name: "Organisations");

            migrationBuilder.DropColumn(
                name: "BridgeDialIn",
                table: "ServiceAreas");

            migrationBuilder.DropColumn(
                name: "BridgeLink",
                table: "ServiceAreas");

            migrationBuilder.DropColumn(
                name: "BridgePin",
                table: "ServiceAreas");
        }
    }
}
