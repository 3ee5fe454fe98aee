using Lifeline.Access;

namespace Lifeline.Console;

/// <summary>
/// The role sets of <see cref="LifelineRoles"/> as the comma-separated text <c>[Authorize(Roles = ...)]</c> and
/// <c>AuthorizeView</c> take. Pages only hide what a role cannot do; the services refuse it again.
/// </summary>
public static class ConsoleRoles
{
    public const string Desk = LifelineRoles.Level1Technician + "," + LifelineRoles.Admin;
    public const string Runners = LifelineRoles.IncidentManager + "," + LifelineRoles.Admin;
    public const string Triage = LifelineRoles.Level1Technician + "," + LifelineRoles.IncidentManager + "," + LifelineRoles.Admin;
    public const string ReportReaders = LifelineRoles.IncidentManager + "," + LifelineRoles.Admin + "," + LifelineRoles.Stakeholder + "," + LifelineRoles.Viewer;
    public const string ContactReaders = LifelineRoles.Admin + "," + LifelineRoles.Level1Technician + "," + LifelineRoles.IncidentManager;

    /// <summary>
    /// Where a role lands after signing in: the technician at the desk, a responder at their pages, a director or viewer
    /// (who runs no part of the incident) at the status page, everyone else at the board.
    /// </summary>
    public static string LandingPage(Actor actor) =>
        actor.IsInRole(LifelineRoles.Level1Technician) ? "/desk"
        : actor.IsInAnyRole(LifelineRoles.IncidentManager, LifelineRoles.Admin) ? "/board"
        : actor.IsInRole(LifelineRoles.Responder) ? "/my-pages"
        : actor.IsInAnyRole(LifelineRoles.Stakeholder, LifelineRoles.Viewer) ? "/status-page"
        : "/board";
}
