using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Web.Tests.Support;

/// <summary>
/// A real Parley server on Kestrel at 127.0.0.1 on a free port, with its own database in a temp
/// folder; <see cref="Client"/> talks to it over TCP like any browser.
/// </summary>
public sealed class ParleyWebFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string> _settings;

    public ParleyWebFactory(IReadOnlyDictionary<string, string>? settings = null, string? database = null)
    {
        Database = database ?? _folder.File("parley.db");
        _settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["Parley:Database"] = Database };
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
    }

    public string Database { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<HttpResponseMessage> PostScenario(string content, string contentType = "application/yaml", string query = "")
    {
        using var body = new StringContent(content, Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await Client.PostAsync("/api/scenarios" + query, body);
    }

    public async Task<long> SaveKorea()
    {
        using var response = await PostScenario(await System.IO.File.ReadAllTextAsync(TestPaths.Korea));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public async Task<JsonElement> RunAndWait(object request)
    {
        using var response = await Client.PostAsJsonAsync("/api/runs?wait=true", request, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var run = JsonDocument.Parse(text).RootElement.Clone();
        var id = run.GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (run.GetProperty("status").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"run {id} did not end within two minutes");
            await Task.Delay(200);
            run = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        }

        return run;
    }

    protected override void Dispose(bool disposing)
    {
        Client.Dispose();
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}
