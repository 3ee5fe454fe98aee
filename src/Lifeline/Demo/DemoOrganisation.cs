using Lifeline.Access;
using Lifeline.Communication;
using Lifeline.Escalation.Policies;
using Lifeline.Targets;
using Lifeline.Notifications;
using Lifeline.Schedules;
using Lifeline.Shifts;
using Lifeline.Directory.Organisations;
using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Services;
using Lifeline.Directory.Teams;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Demo;

/// <summary>
/// A fictitious IT department built from the two seed documents: the contact letter's hierarchy
/// (Help Desk, IT Manager, CTO), roles and backups, and the state procedure's Severity 1 chain
/// (Incident Manager 1, its primary backup, service area managers, directors). Names are invented,
/// addresses are at example.org and numbers are 555-01xx; no real contact from a seed is used.
/// </summary>
public sealed class DemoOrganisation(LifelineDbContext db, CurrentActor actor, TimeProvider time, ILogger<DemoOrganisation> logger)
{
    private const string Zone = "America/New_York";

    /// <summary>
    /// The seed's Severity 1 chain and communication plan: Incident Manager 1 by cell, then the
    /// primary backup, then the service area manager of the affected service; directors by e-mail
    /// on the day shift and the Director of Operations by phone off shift.
    /// </summary>
    private void SeedEscalation(DateTimeOffset now, Role im1, Role im1Backup, Role directorOfOperations, Role cio, Role dcio)
    {
        var cell = new List<NotificationChannel> { NotificationChannel.Voice, NotificationChannel.Sms };
        var policy = new EscalationPolicy("Severity 1 escalation", "Incident Manager 1 by cell, then the primary backup, then the service area manager of the affected service.", 2,
        [
            new EscalationTier([new EscalationTarget(TargetKind.Role, im1.Id)], cell, TimeSpan.FromMinutes(5)),
            new EscalationTier([new EscalationTarget(TargetKind.Role, im1Backup.Id)], cell, TimeSpan.FromMinutes(5)),
            new EscalationTier([new EscalationTarget(TargetKind.ServiceAreaManager)], cell, TimeSpan.FromMinutes(5)),
        ], now);
        policy.MakeDefault(true);
        db.EscalationPolicies.Add(policy);

        EscalationTarget[] directors = [new(TargetKind.Role, directorOfOperations.Id), new(TargetKind.Role, cio.Id), new(TargetKind.Role, dcio.Id)];
        db.CommunicationPlans.Add(new CommunicationPlan("Severity 1 directors", "Who hears about a Severity 1 incident, from the escalation procedure.", [1],
        [
            new CommunicationRule(CommunicationEvent.EscalationStarted, ShiftKind.Day, directors, NotificationChannel.Email, NotificationChannel.Voice, null),
            new CommunicationRule(CommunicationEvent.EscalationStarted, ShiftKind.Off, [new(TargetKind.Role, directorOfOperations.Id)], NotificationChannel.Voice, NotificationChannel.Sms,
                "Please call the CIO and DCIO about this Severity 1 incident, as necessary."),
            new CommunicationRule(CommunicationEvent.StatusUpdate, null, directors, NotificationChannel.Email, NotificationChannel.Voice, null),
            new CommunicationRule(CommunicationEvent.Resolved, null, directors, NotificationChannel.Email, NotificationChannel.Voice, null),
        ], isEnabled: true, now));

        var calendar = ShiftCalendar.Default(Zone);
        calendar.Update(Zone, calendar.Hours,
        [
            new(new DateOnly(2026, 11, 26), "Thanksgiving Day"), new(new DateOnly(2026, 12, 25), "Christmas Day"),
            new(new DateOnly(2027, 1, 1), "New Year's Day"), new(new DateOnly(2027, 1, 18), "Martin Luther King Jr. Day"),
            new(new DateOnly(2027, 2, 15), "Presidents' Day"), new(new DateOnly(2027, 5, 31), "Memorial Day"),
            new(new DateOnly(2027, 6, 18), "Juneteenth (observed)"), new(new DateOnly(2027, 7, 5), "Independence Day (observed)"),
            new(new DateOnly(2027, 9, 6), "Labor Day"), new(new DateOnly(2027, 10, 11), "Columbus Day"),
            new(new DateOnly(2027, 11, 11), "Veterans Day"), new(new DateOnly(2027, 11, 25), "Thanksgiving Day"),
            new(new DateOnly(2027, 12, 24), "Christmas Day (observed)"),
        ]);
        db.ShiftCalendars.Add(calendar);
    }

    /// <summary>
    /// Incident Manager 1 and its primary backup are held through weekly rotations with the hand-off on Monday 08:00
    /// New York time; the two incident managers alternate, so one is the other's backup. The rotations start on the
    /// Monday of the week the demo is loaded, with the role's first holder first, and the roles keep their holders
    /// as the fallback for a gap (before the first hand-off, for one).
    /// </summary>
    private void SeedSchedules(DateTimeOffset now, Role im1, Role im1Backup, Person first, Person second)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(Zone)).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        ScheduleLayer Weekly(string name, params Person[] people) =>
            new(name, [.. people.Select(p => p.Id)], 1, ShiftUnit.Weeks, monday, new TimeOnly(8, 0), Coverage: AbsenceCoverage.StandIn);
        var primary = new Schedule("Incident Manager 1 rotation", "Weekly; hand-off Monday 08:00 New York time.", Zone, [Weekly("Weekly", first, second)], now);
        var backup = new Schedule("Incident Manager 1 backup rotation", "Weekly, opposite the Incident Manager 1 rotation.", Zone, [Weekly("Weekly", second, first)], now);
        db.Schedules.AddRange(primary, backup);
        db.CalendarFeeds.AddRange(CalendarFeed.ForSchedule(primary.Id, now), CalendarFeed.ForSchedule(backup.Id, now));
        im1.HoldThrough(primary.Id);
        im1Backup.HoldThrough(backup.Id);
    }

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.People.AnyAsync(ct))
        {
            return;
        }
        actor.ActAs("demo organisation");
        var now = time.GetUtcNow();
        Person P(string name, string title, string cell, string? office, string email, string? notes = null)
        {
            var person = new Person(name, title, Zone, notes, now);
            person.AddContactMethod(ContactMethodKind.CellPhone, cell, "Cell", canSms: true, canVoice: true, priority: 0);
            if (office is not null)
            {
                person.AddContactMethod(ContactMethodKind.OfficePhone, office, "Office", canSms: false, canVoice: true, priority: 1);
            }
            person.AddContactMethod(ContactMethodKind.Email, email, "Work", canSms: false, canVoice: false, priority: 0);
            db.People.Add(person);
            return person;
        }

        var itManager = P("Dana Whitfield", "IT Manager", "+18605550101", "+18605550201", "dana.whitfield@example.org",
            "Oversees incident management and SLA compliance; next contact after the Help Desk.");
        var cto = P("Marcus Bell", "Chief Technology Officer", "+18605550102", "+18605550202", "marcus.bell@example.org",
            "For critical situations requiring upper management.");
        var cio = P("Priya Raman", "Chief Information Officer", "+18605550103", "+18605550203", "priya.raman@example.org");
        var dcio = P("Tomas Ortega", "Deputy Chief Information Officer", "+18605550104", "+18605550204", "tomas.ortega@example.org");
        var directorOps = P("Grace Okafor", "Director of Operations", "+18605550105", "+18605550205", "grace.okafor@example.org",
            "Off shift, calls the CIO and DCIO about Severity 1 incidents.");
        var im1 = P("Henry Castillo", "Incident Manager 1", "+18605550106", "+18605550206", "henry.castillo@example.org");
        var im1Backup = P("Aisha Karim", "Incident Manager", "+18605550107", "+18605550207", "aisha.karim@example.org");
        var iso = P("Victor Nguyen", "Information Security Officer", "+18605550108", "+18605550208", "victor.nguyen@example.org");
        var itDirector = P("Ellen Marsh", "IT Director", "+12125550147", "+12125550148", "ellen.marsh@example.org", "Based in New York City.");
        var sysAdmin = P("Ruth Abernathy", "IT Systems Administrator", "+18605550109", null, "ruth.abernathy@example.org",
            "Primary backup contact for data loss events; 24/7 hotline +1 800 555 0199.");
        sysAdmin.AddContactMethod(ContactMethodKind.OfficePhone, "+18005550199", "24/7 hotline", canSms: false, canVoice: true, priority: 0);
        var netAdmin = P("Sam Whitaker", "Network Administrator", "+18605550110", "+18605550210", "sam.whitaker@example.org");
        var analyst = P("Nora Lindqvist", "Systems Analyst", "+18605550111", "+18605550211", "nora.lindqvist@example.org");
        var tech1 = P("Jamie Cole", "Help Desk Technician", "+18605550112", null, "jamie.cole@example.org");
        var tech2 = P("Riley Park", "Help Desk Technician", "+18605550113", null, "riley.park@example.org");
        var helpDeskManager = P("Morgan Hale", "Help Desk Manager", "+18605550114", "+18605550214", "morgan.hale@example.org",
            "Keeps the Severity 1 contact list and decides who may see it.");
        var enterpriseManager = P("Leo Brandt", "Service Area Manager, Enterprise Services", "+18605550115", "+18605550215", "leo.brandt@example.org");
        var applicationsManager = P("Mei Tanaka", "Service Area Manager, Mainframe and Applications", "+18605550116", "+18605550216", "mei.tanaka@example.org");
        var publicManager = P("Omar Haddad", "Service Area Manager, Public Services", "+18605550117", "+18605550217", "omar.haddad@example.org");
        var networkManager = P("Isabel Fuentes", "Service Area Manager, Network and Security", "+18605550118", "+18605550218", "isabel.fuentes@example.org");
        var messaging1 = P("Chris Adeyemi", "Messaging Engineer", "+18605550119", null, "chris.adeyemi@example.org");
        var messaging2 = P("Hannah Kowalski", "Messaging Engineer", "+18605550120", null, "hannah.kowalski@example.org");
        var identity1 = P("Ravi Menon", "Directory Services Engineer", "+18605550121", null, "ravi.menon@example.org");
        var mainframe1 = P("Paul Dubois", "Mainframe Systems Programmer", "+18605550122", null, "paul.dubois@example.org");
        var web1 = P("Lena Fischer", "Web Platform Engineer", "+18605550123", null, "lena.fischer@example.org");
        var citrix1 = P("Derek Osei", "Virtual Desktop Engineer", "+18605550124", null, "derek.osei@example.org");
        var apps1 = P("Yuki Sato", "Application Support Analyst", "+18605550125", null, "yuki.sato@example.org");

        Role R(string name, string responsibilities, params Person[] holders)
        {
            var role = new Role(name, responsibilities);
            role.SetHolders([.. holders.Select(h => h.Id)]);
            db.DirectoryRoles.Add(role);
            return role;
        }
        R("Help Desk Technician (Level 1)",
            "First point of contact for end users: receives calls, creates the incident ticket (manual log when the ticket system is down), determines whether it is Severity 1, notifies the Incident Manager, gives Level 2 groups the conference bridge and ticket number, closes the ticket and runs the customer satisfaction survey.",
            tech1, tech2);
        R("Help Desk Manager", "Owns the Severity 1 contact list and who may see it; runs the bi-monthly escalation drills.", helpDeskManager);
        R("IT Manager", "Oversees the entire incident, ensuring all team members are aligned and that service-level agreements are met; next point of contact after the Help Desk.", itManager);
        R("Chief Technology Officer", "Upper management contact for critical situations requiring immediate attention.", cto);
        var cioRole = R("Chief Information Officer", "Overarching IT strategy; informed of every Severity 1 incident.", cio);
        var dcioRole = R("Deputy Chief Information Officer", "Informed of every Severity 1 incident with the CIO.", dcio);
        var dirOpsRole = R("Director of Operations", "Receives Severity 1 notices; off shift is called and informs the CIO and DCIO as necessary.", directorOps);
        var im1Role = R("Incident Manager 1", "Is paged first for a Severity 1 incident, determines the Level 2 groups needed to restore service, notifies the directors, sends status updates and the resolution notice.", im1);
        var im1BackupRole = R("Incident Manager 1 Primary Backup", "Takes the incident when Incident Manager 1 is not available.", im1Backup);
        R("Information Security Officer", "Safeguards against cyber threats; engaged for security incidents.", iso);
        R("Network Administrator", "Health and security of the network infrastructure; addresses connectivity issues that may affect hundreds of users.", netAdmin);
        R("Systems Analyst", "Evaluates and resolves problems with software applications that affect productivity across departments.", analyst);
        R("IT Systems Administrator", "Primary backup contact for data loss events, reachable on the 24/7 hotline; manages server configurations.", sysAdmin);
        R("IT Director", "Receives escalations not resolved within one hour of the initial alert.", itDirector);
        R("Service Area Manager", "Secondary backup of the Severity 1 chain for the services of their area.", enterpriseManager, applicationsManager, publicManager, networkManager);

        Team T(string name, string description, TeamKind kind, string? phone, string? email, params (Person Person, bool Lead)[] members)
        {
            var team = new Team(name, description, kind, phone, email);
            team.SetMembers([.. members.Select(m => (m.Person.Id, m.Lead))]);
            db.Teams.Add(team);
            return team;
        }
        T("IT Help Desk", "Level 1, 24/7 support for urgent incidents.", TeamKind.HelpDesk, "+18605550100", "helpdesk@example.org",
            (helpDeskManager, true), (tech1, false), (tech2, false));
        var messaging = T("Messaging Team", "Level 2: e-mail and collaboration.", TeamKind.Resolver, null, "messaging@example.org", (messaging1, true), (messaging2, false));
        var network = T("Network Team", "Level 2: internet access, WAN, firewalls, filtering.", TeamKind.Resolver, null, "network@example.org", (netAdmin, true));
        var identity = T("Identity and Access Team", "Level 2: Active Directory and sign-in.", TeamKind.Resolver, null, "identity@example.org", (identity1, true));
        var mainframe = T("Mainframe Team", "Level 2: CICS and mainframe batch.", TeamKind.Resolver, null, "mainframe@example.org", (mainframe1, true));
        var web = T("Web and Portal Team", "Level 2: the portal and public-facing web applications.", TeamKind.Resolver, null, "web@example.org", (web1, true));
        var citrix = T("Virtual Desktop Team", "Level 2: Citrix.", TeamKind.Resolver, null, "vdi@example.org", (citrix1, true));
        var apps = T("Application Support Team", "Level 2: Collect and other critical applications.", TeamKind.Resolver, null, "appsupport@example.org", (apps1, true), (analyst, false));
        var security = T("Security Team", "Level 2: security incidents.", TeamKind.Resolver, null, "security@example.org", (iso, true));

        ServiceArea A(string name, string description, Person manager, params Team[] teams)
        {
            var area = new ServiceArea(name, description, manager.Id);
            area.SetDefaultTeams([.. teams.Select(t => t.Id)]);
            db.ServiceAreas.Add(area);
            return area;
        }
        var enterprise = A("Enterprise Services", "Services the whole organisation depends on.", enterpriseManager, messaging, identity, citrix);
        var applications = A("Mainframe and Applications", "Mainframe and line-of-business applications.", applicationsManager, mainframe, apps);
        var publicServices = A("Public Services", "Public-facing services for citizens.", publicManager, web, apps);
        var networkArea = A("Network and Security", "Connectivity, filtering and security.", networkManager, network, security);
        // Conference bridges the Level 1 technician hands to Level 2 groups with the ticket number.
        enterprise.SetBridge("+18605550150", "314159", "https://bridge.example.org/enterprise");
        applications.SetBridge("+18605550151", "271828", "https://bridge.example.org/applications");
        publicServices.SetBridge("+18605550152", "161803", "https://bridge.example.org/public");
        // Network and Security has no bridge of its own: its incidents get Lifeline:Incidents:DefaultBridge.

        void O(string name, string description, bool vip) => db.Organisations.Add(new Organisation(name, description, vip));
        O("Office of the Governor", "A problem affecting it is Severity 1.", vip: true);
        O("Office of the Lieutenant Governor", "A problem affecting it is Severity 1.", vip: true);
        O("Department of Motor Vehicles", "Agency customer.", vip: false);
        O("Department of Children and Families", "Agency customer.", vip: false);
        O("Department of Emergency Services and Public Protection", "Agency customer; police departments connect through it.", vip: false);

        void S(string name, string description, ServiceArea area, bool major, bool publicFacing) =>
            db.Services.Add(new Service(name, description, area.Id, major, publicFacing));
        S("E-mail", "Organisation-wide e-mail.", enterprise, major: true, publicFacing: false);
        S("Internet Access", "Internet connectivity for all sites.", networkArea, major: true, publicFacing: false);
        S("CICS", "Mainframe transaction processing.", applications, major: true, publicFacing: false);
        S("Portal", "The employee and citizen portal.", publicServices, major: true, publicFacing: false);
        S("Collect", "Collect and other critical applications.", applications, major: true, publicFacing: false);
        S("Active Directory", "Sign-in and directory services.", enterprise, major: true, publicFacing: false);
        S("Citrix", "Virtual desktops and published applications.", enterprise, major: true, publicFacing: false);
        S("DMV", "Department of Motor Vehicles public services.", publicServices, major: false, publicFacing: true);
        S("DCF Hotline", "Department of Children and Families hotline.", publicServices, major: false, publicFacing: true);
        S("Internet Filtering", "Web filtering within the department.", networkArea, major: false, publicFacing: false);
        S("Police Department Connectivity", "Network links to individual police departments.", networkArea, major: false, publicFacing: false);

        SeedEscalation(now, im1Role, im1BackupRole, dirOpsRole, cioRole, dcioRole);
        SeedSchedules(now, im1Role, im1BackupRole, im1, im1Backup);

        await db.SaveChangesAsync(ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Loaded the demo organisation: {People} people, {Teams} teams, {Services} services",
                await db.People.CountAsync(ct), await db.Teams.CountAsync(ct), await db.Services.CountAsync(ct));
        }
    }
}
