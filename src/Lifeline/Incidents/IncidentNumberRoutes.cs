namespace Lifeline.Incidents;

public static class IncidentNumberRoutes
{
    /// <summary>
    /// Every endpoint of the group whose handler takes a <c>string number</c> gets it normalised
    /// (<see cref="IncidentNumbers.Normalise"/>) before the handler runs: <c>inc-2026-1</c> finds the same incident
    /// on every route, instead of each handler remembering to upper-case it.
    /// </summary>
    public static RouteGroupBuilder NormalisesIncidentNumbers(this RouteGroupBuilder group) =>
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var index = Array.FindIndex(factory.MethodInfo.GetParameters(), p => p.Name == "number" && p.ParameterType == typeof(string));
            return index < 0 ? next : context =>
            {
                context.Arguments[index] = IncidentNumbers.Normalise(context.GetArgument<string?>(index));
                return next(context);
            };
        });
}
