namespace Lifeline.Reviews;

public static class ReviewsSetup
{
    public static IServiceCollection AddReviews(this IServiceCollection services) => services.AddScoped<ReviewService>();
}
