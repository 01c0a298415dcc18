using System.Net;
using System.Net.Http.Headers;
using CsCheck;
using Parley.Web.Tests.Support;

namespace Parley.Web.Tests.Reliability;

/// <summary>Whatever a client sends — broken JSON or YAML, random bytes, huge bodies, odd types — the answer is never a 5xx.</summary>
public sealed class MalformedRequestTests : IClassFixture<MalformedRequestTests.Server>
{
    private readonly ParleyWebFactory _web;

    public MalformedRequestTests(Server server) => _web = server.Web;

    public sealed class Server : IDisposable
    {
        public ParleyWebFactory Web { get; } = new();

        public void Dispose() => Web.Dispose();
    }

    private static readonly string[] s_types = ["application/json", "application/yaml", "text/csv", "application/xml", "text/plain", "application/octet-stream"];

    private static readonly string[] s_fragments =
    [
        "{", "}", "[", "]", "\"", ":", ",", "\n", "  ", "- ", "title: x", "issues:", "actors:", "id: a", "name: A", "capability: ", "-1", "1e309", "NaN",
        ".inf", "&anchor", "*anchor", "!!binary", "\t", "\u00ff", "\ufeff", "position: 120", "salience: 2", "stances:", "{ a: { position: 1 } }", "null", "true",
        "\"scenario\": 1", "\"draws\": 1e12", "\"seed\": -1", "\"models\": [1]", "\"whatif\": [\"x.y.z=1\"]", "\"actor\": \"kim\"", "\"issue\": \"summit\"", "\"issue\": 3", "\"fine\": true", "\"rounds\": 0", "Actor,Capability,Position,Salience", "a,1,2,3", "<?xml", "<Scenario>",
    ];

    private static async Task<int> Send(HttpClient client, HttpMethod method, string path, byte[] body, string type)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task Random_scenario_run_advice_and_explain_bodies_never_get_a_5xx()
    {
        var id = await _web.SaveKorea();
        var text = Gen.OneOf(
            Gen.String[0, 400],
            Gen.OneOf<string>(s_fragments).Array[0, 40].Select(parts => string.Concat(parts)),
            Gen.Byte.Array[0, 300].Select(bytes => System.Text.Encoding.Latin1.GetString(bytes)));
        var cases = Gen.Select(text, Gen.OneOf<string>(s_types), Gen.Int[0, 6]);
        var targets = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/api/scenarios"), (HttpMethod.Post, "/api/validate"), (HttpMethod.Put, $"/api/scenarios/{id}"),
            (HttpMethod.Post, "/api/runs"), (HttpMethod.Post, "/api/runs?wait=true"), (HttpMethod.Post, "/api/advice"), (HttpMethod.Post, "/api/explain"),
        };
        await cases.SampleAsync(async c =>
        {
            var (body, type, target) = c;
            var (method, path) = targets[target];
            var payload = target >= 3 ? $"{{\"scenario\": {id}, {body}" : body;
            var status = await Send(_web.Client, method, path, System.Text.Encoding.UTF8.GetBytes(payload), type);
            Assert.True(status is >= 200 and < 500, $"{method} {path} ({type}) with {payload.Length} chars was answered {status}: {payload}");
        }, iter: 150, threads: 1);
    }

    /// <summary>
    /// Sends a request over a raw socket and reads the status line: the server may answer 413 and
    /// close before the client has sent all of a huge body, which an HttpClient reports as a broken
    /// pipe instead of the answer.
    /// </summary>
    private async Task<int> RawStatus(string path, string type, byte[] body, bool chunked)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_web.BaseAddress.Host, _web.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {_web.BaseAddress.Authority}\r\nContent-Type: {type}\r\n" +
            (chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {body.Length}\r\n") + "Connection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var sending = Task.Run(async () =>
        {
            try
            {
                for (var offset = 0; offset < body.Length; offset += 65536)
                {
                    var count = Math.Min(65536, body.Length - offset);
                    if (chunked)
                    {
                        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{count:X}\r\n"));
                    }

                    await stream.WriteAsync(body.AsMemory(offset, count));
                    if (chunked)
                    {
                        await stream.WriteAsync("\r\n"u8.ToArray());
                    }
                }

                if (chunked)
                {
                    await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
                }
            }
            catch (IOException)
            {
                // The server stopped reading: expected once it has answered 413.
            }
            catch (ObjectDisposedException)
            {
                // The status line arrived first and the test closed the connection while this was still writing.
            }
        });
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII, false, 1024, leaveOpen: true);
        var status = await reader.ReadLineAsync();
        tcp.Close();
        await sending;
        Assert.NotNull(status);
        return int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_with_or_without_a_length()
    {
        var huge = new byte[9 * 1024 * 1024];
        Array.Fill(huge, (byte)'a');
        Assert.Equal(413, await RawStatus("/api/scenarios", "application/yaml", huge, chunked: false));
        Assert.Equal(413, await RawStatus("/api/runs", "application/json", huge, chunked: false));
        Assert.Equal(413, await RawStatus("/api/validate", "application/yaml", huge, chunked: true));

        // The server is unharmed, and a body just under the limit is read (and found invalid).
        Assert.Equal(HttpStatusCode.OK, (await _web.Client.GetAsync("/api/scenarios")).StatusCode);
        Assert.Equal(422, await Send(_web.Client, HttpMethod.Post, "/api/scenarios", huge[..(7 * 1024 * 1024)], "application/yaml"));
    }

    [Fact]
    public async Task Odd_paths_methods_and_ids_are_4xx()
    {
        foreach (var path in new[] { "/api/runs/-1", "/api/runs/99999999999999999999", "/api/scenarios/1.5", "/api/scenarios/x/versions/y", "/api/nope", "/api/runs/1/../../etc/passwd", "/lib/../../appsettings.json", "/nothing.js" })
        {
            using var response = await _web.Client.GetAsync(path);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"GET {path} was answered {(int)response.StatusCode}");
        }

        using var delete = await _web.Client.DeleteAsync("/api/scenarios/1");
        Assert.True((int)delete.StatusCode is >= 400 and < 500);
        Assert.True(await Send(_web.Client, HttpMethod.Post, "/api/scenarios", "title: x"u8.ToArray(), "image/png") is >= 400 and < 500);
        Assert.True(await Send(_web.Client, HttpMethod.Patch, "/api/runs", "{}"u8.ToArray(), "application/json") is >= 400 and < 500);
    }
}
