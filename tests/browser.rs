//! The committed reference page, `docs/reference.html`, in a real browser:
//! Debian's `chromium`, headless, driven through `chromedriver` (WebDriver)
//! with `fantoccini`. The test types into the search box, picks filters,
//! switches the language and follows anchors, and checks which rows are
//! visible; it ends with a screenshot.
//!
//! `.ci/run` installs `chromium` and `chromium-driver` when they are
//! missing. Elsewhere, without them, the test says so and passes, unless
//! `CI` is set. The screenshot goes to `target/tmp/reference.png`; with
//! `IMERR_BLESS=1` it replaces `docs/reference.png`, the one README.md shows.
//!
//! Every step is bounded: chromedriver must answer within 20 s, the page
//! must load within 30 s, each wait for the page gives up after 10 s, and
//! the whole test after 120 s.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, TimeoutConfiguration};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use imerr::{Lang, Surface, Vendor, docs};
use serde_json::{Value, json};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const WHOLE_TEST: Duration = Duration::from_secs(120);
const WAIT: Duration = Duration::from_secs(10);

/// The first executable named `name` on `PATH`.
fn find(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// chromedriver, killed when dropped, with the browser profile it used.
struct Driver {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Driver {
    fn start(chromedriver: &Path) -> Result<Driver> {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
            .local_addr()?
            .port();
        let dir = std::env::temp_dir().join(format!("imerr-browser-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let log = std::fs::File::create(dir.join("chromedriver.log"))?;
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?;
        let driver = Driver { child, port, dir };
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let start = Instant::now();
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if start.elapsed() > Duration::from_secs(20) {
                return Err("chromedriver did not listen within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn reference_page_in_chromium() {
    let (Some(chromium), Some(chromedriver)) = (find("chromium"), find("chromedriver")) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium and chromedriver are missing (.ci/run installs them: apt-get install -y chromium chromium-driver)"
        );
        eprintln!(
            "browser test skipped: no chromium or chromedriver on PATH (apt-get install -y chromium chromium-driver)"
        );
        return;
    };
    let started = Instant::now();
    let driver = Driver::start(&chromedriver).expect("start chromedriver");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let outcome = runtime.block_on(async {
        tokio::time::timeout(WHOLE_TEST, session(&driver, &chromium))
            .await
            .unwrap_or_else(|_| Err(format!("the browser test took over {WHOLE_TEST:?}").into()))
    });
    if let Err(e) = outcome {
        let log = std::fs::read_to_string(driver.dir.join("chromedriver.log")).unwrap_or_default();
        let tail: String = log.lines().rev().take(20).collect::<Vec<_>>().join("\n");
        panic!("{e}\nchromedriver log (last lines, newest first):\n{tail}");
    }
    eprintln!("browser test took {:.1} s", started.elapsed().as_secs_f64());
}

/// One browser session: runs the checks, then closes the browser whatever
/// they found.
async fn session(driver: &Driver, chromium: &Path) -> Result<()> {
    let profile = driver.dir.join("profile");
    let mut caps = Capabilities::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await?;
    let result = checks(&client).await;
    let closed = client.close().await;
    result?;
    closed?;
    Ok(())
}

fn page_url() -> String {
    format!("file://{}/docs/reference.html", env!("CARGO_MANIFEST_DIR"))
}

/// Evaluates `script` (a function body that returns a value) in the page.
async fn eval(client: &Client, script: &str) -> Result<Value> {
    Ok(client.execute(script, vec![]).await?)
}

/// The ids of the rows a person can see, in page order: rendered, by the
/// browser's own account (`checkVisibility`: not `display: none` through a
/// `hidden` row or section, nor `visibility: hidden`). Sections out of view
/// are not laid out (`content-visibility: auto`), and this asks for no layout.
async fn visible_rows(client: &Client) -> Result<Vec<String>> {
    let ids = eval(
        client,
        "return [].filter.call(document.querySelectorAll('main tbody tr'), \
         function (r) { return r.checkVisibility({ visibilityProperty: true }); }).map(function (r) { return r.id; });",
    )
    .await?;
    Ok(serde_json::from_value(ids)?)
}

/// Polls `visible_rows` until `ok` holds, for at most [`WAIT`].
async fn wait_rows(
    client: &Client,
    what: &str,
    ok: impl Fn(&[String]) -> bool,
) -> Result<Vec<String>> {
    let start = Instant::now();
    loop {
        let rows = visible_rows(client).await?;
        if ok(&rows) {
            return Ok(rows);
        }
        if start.elapsed() > WAIT {
            let head: Vec<&String> = rows.iter().take(10).collect();
            return Err(format!(
                "{what}: still not true after {WAIT:?}; {} rows visible, first {head:?}",
                rows.len()
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn search_box(client: &Client) -> Result<Element> {
    Ok(client.find(Locator::Id("q")).await?)
}

/// Empties the search box the way a person does: backspace.
async fn clear_search(client: &Client) -> Result<()> {
    let q = search_box(client).await?;
    let len = q.prop("value").await?.unwrap_or_default().chars().count();
    let backspaces: String = std::iter::repeat_n(char::from(Key::Backspace), len).collect();
    q.send_keys(&backspaces).await?;
    Ok(())
}

async fn checks(client: &Client) -> Result<()> {
    client
        .update_timeouts(TimeoutConfiguration::new(
            Some(WAIT),
            Some(Duration::from_secs(30)),
            Some(Duration::ZERO),
        ))
        .await?;
    let total = docs::rows(None).len();
    let url = page_url();
    client.goto(&url).await?;
    let title = client.title().await?;
    assert!(title.starts_with("imerr"), "title: {title}");

    // The script ran: every row is visible, the count says so.
    wait_rows(client, "every row visible on load", |r| r.len() == total).await?;
    let count = client.find(Locator::Id("n")).await?.text().await?;
    assert_eq!(count, total.to_string(), "row count");

    // A code: its row stays, the rows of other vendors go.
    search_box(client).await?.send_keys("70001").await?;
    let rows = wait_rows(client, "search 70001", |r| r.len() < 10).await?;
    assert!(
        rows.iter().any(|id| id == "tencent-server-70001"),
        "70001 hides its own row: {rows:?}"
    );
    assert!(
        rows.iter().all(|id| id.starts_with("tencent-")),
        "70001 leaves other vendors' rows: {rows:?}"
    );
    let row = client.find(Locator::Id("tencent-server-70001")).await?;
    assert!(row.is_displayed().await?);
    let other = client.find(Locator::Id("openim-server-1001")).await?;
    assert!(!other.is_displayed().await?, "openim 1001 still shown");
    let count = client.find(Locator::Id("n")).await?.text().await?;
    assert_eq!(count, rows.len().to_string(), "count after search");

    // Words of a hint, in any order of typing; then no match at all.
    clear_search(client).await?;
    wait_rows(client, "search cleared", |r| r.len() == total).await?;
    search_box(client)
        .await?
        .send_keys("usersig expired")
        .await?;
    let rows = wait_rows(client, "search 'usersig expired'", |r| r.len() < total).await?;
    assert!(
        rows.iter().any(|id| id == "tencent-server-70001"),
        "{rows:?}"
    );
    clear_search(client).await?;
    search_box(client).await?.send_keys("zzqqxx").await?;
    wait_rows(client, "search without a match", |r| r.is_empty()).await?;
    clear_search(client).await?;
    wait_rows(client, "search cleared", |r| r.len() == total).await?;

    // The vendor filter, then a surface and a search within it.
    client
        .find(Locator::Id("vendor"))
        .await?
        .select_by_value("matrix")
        .await?;
    let matrix = Vendor::Matrix.entries().count() + Vendor::Matrix.ranges().count();
    let rows = wait_rows(client, "vendor matrix", |r| r.len() == matrix).await?;
    assert!(rows.iter().all(|id| id.starts_with("matrix-")), "{rows:?}");
    client
        .find(Locator::Id("surface"))
        .await?
        .select_by_value("federation")
        .await?;
    let federation = imerr::entries(Vendor::Matrix, Surface::Federation).len();
    wait_rows(client, "matrix federation", |r| {
        r.len() == federation && r.iter().all(|id| id.starts_with("matrix-federation-"))
    })
    .await?;
    client
        .find(Locator::Id("surface"))
        .await?
        .select_by_value("")
        .await?;
    search_box(client).await?.send_keys("M_FORBIDDEN").await?;
    let rows = wait_rows(client, "matrix M_FORBIDDEN", |r| {
        !r.is_empty() && r.len() < 10
    })
    .await?;
    assert!(
        rows.iter()
            .any(|id| id == "matrix-client_server-M_FORBIDDEN"),
        "{rows:?}"
    );
    clear_search(client).await?;
    client
        .find(Locator::Id("vendor"))
        .await?
        .select_by_value("")
        .await?;

    // Category and action filters.
    client
        .find(Locator::Id("category"))
        .await?
        .select_by_value("rate_limited")
        .await?;
    let rate_limited = docs::rows(None)
        .iter()
        .filter(|r| row_meta(**r).category() == imerr::Category::RateLimited)
        .count();
    wait_rows(client, "category rate_limited", |r| r.len() == rate_limited).await?;
    client
        .find(Locator::Id("action"))
        .await?
        .select_by_value("slow_down")
        .await?;
    let slow_down = docs::rows(None)
        .iter()
        .filter(|r| {
            let m = row_meta(**r);
            m.category() == imerr::Category::RateLimited && m.action() == imerr::Action::SlowDown
        })
        .count();
    wait_rows(client, "rate_limited and slow_down", |r| {
        r.len() == slow_down
    })
    .await?;
    for id in ["category", "action"] {
        client
            .find(Locator::Id(id))
            .await?
            .select_by_value("")
            .await?;
    }
    wait_rows(client, "filters cleared", |r| r.len() == total).await?;

    // The language switch changes the hint a person reads.
    let entry = imerr::lookup(Vendor::Tencent, Surface::Server, 70001)
        .matched
        .entry()
        .ok_or("no tencent 70001")?;
    let (en, zh) = (entry.meta().hint(Lang::En), entry.meta().hint(Lang::Zh));
    let row = client.find(Locator::Id("tencent-server-70001")).await?;
    let text = row.text().await?;
    assert!(
        text.contains(en) && !text.contains(zh),
        "English row: {text}"
    );
    client
        .find(Locator::Id("lang"))
        .await?
        .select_by_value("zh")
        .await?;
    let text = row.text().await?;
    assert!(
        text.contains(zh) && !text.contains(en),
        "Chinese row: {text}"
    );
    client
        .find(Locator::Id("lang"))
        .await?
        .select_by_value("en")
        .await?;

    // An anchor: a row the filters hide is revealed, scrolled to and
    // highlighted.
    client
        .find(Locator::Id("vendor"))
        .await?
        .select_by_value("openim")
        .await?;
    wait_rows(client, "vendor openim", |r| {
        !r.iter().any(|id| id == "tencent-server-70001")
    })
    .await?;
    client.goto(&format!("{url}#tencent-server-70001")).await?;
    wait_rows(client, "anchor reveals its row", |r| {
        r.iter().any(|id| id == "tencent-server-70001")
    })
    .await?;
    assert_target(client, "tencent-server-70001").await?;

    // A fresh load with an anchor (a negative code) and the page in Chinese.
    client
        .goto(&format!("{url}?lang=zh#tencent-server--10114"))
        .await?;
    wait_rows(client, "reload", |r| r.len() == total).await?;
    assert_target(client, "tencent-server--10114").await?;
    let entry = imerr::lookup(Vendor::Tencent, Surface::Server, -10114)
        .matched
        .entry()
        .ok_or("no tencent -10114")?;
    let text = client
        .find(Locator::Id("tencent-server--10114"))
        .await?
        .text()
        .await?;
    assert!(text.contains(entry.meta().summary(Lang::Zh)), "{text}");

    // An Easemob REST anchor, named by the entry's symbol.
    client
        .goto(&format!("{url}#easemob-rest-HTTP_401_UNAUTHORIZED"))
        .await?;
    assert_target(client, "easemob-rest-HTTP_401_UNAUTHORIZED").await?;

    // The picture README.md shows: a search across vendors.
    client.goto(&url).await?;
    wait_rows(client, "reload", |r| r.len() == total).await?;
    search_box(client).await?.send_keys("token expired").await?;
    wait_rows(client, "search 'token expired'", |r| r.len() < total).await?;
    eval(client, "window.scrollTo(0, 0); return null;").await?;
    let png = client.screenshot().await?;
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000);
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reference.png");
    std::fs::write(&tmp, &png)?;
    if std::env::var_os("IMERR_BLESS").is_some() {
        std::fs::write(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.png"),
            &png,
        )?;
    }
    Ok(())
}

fn row_meta(row: docs::Row) -> &'static imerr::Meta {
    match row {
        docs::Row::Entry(e) => e.meta(),
        docs::Row::Range(r) => r.meta(),
    }
}

/// `id` is the page's `:target`, highlighted and in view below the search
/// bar.
async fn assert_target(client: &Client, id: &str) -> Result<()> {
    let start = Instant::now();
    loop {
        let state = eval(
            client,
            "var t = document.querySelector(':target'); if (!t) return null; \
             var r = t.getBoundingClientRect(), bar = document.getElementById('bar').getBoundingClientRect(); \
             return { id: t.id, top: r.top, bottom: r.bottom, bar: bar.bottom, height: window.innerHeight, \
                      bg: getComputedStyle(t.cells[0]).backgroundColor };",
        )
        .await?;
        let n = |k: &str| state[k].as_f64().unwrap_or(f64::NAN);
        let ok = state["id"] == id
            && n("top") >= n("bar") - 1.0
            && n("bottom") <= n("height")
            && state["bg"] == "rgb(255, 221, 102)";
        if ok {
            return Ok(());
        }
        if start.elapsed() > WAIT {
            return Err(format!("#{id} is not the highlighted row in view: {state}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
