//! The few DOM operations the app needs, each failing quietly: a missing element or an old
//! browser must never take the page down.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// The current URL fragment, with its `#`.
pub fn fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Adds a history entry whose URL differs from the current one only by `fragment`, so that
/// Back and Forward step through selections. In the embed view the entry is replaced instead:
/// a framed page's entries would be the host page's Back button's too.
pub fn push_fragment(fragment: &str) {
    let url = Some(fragment);
    let _ = gloo::utils::window().history().and_then(|h| {
        if embedded() {
            h.replace_state_with_url(&JsValue::NULL, "", url)
        } else {
            h.push_state_with_url(&JsValue::NULL, "", url)
        }
    });
}

/// The page's address.
pub fn href() -> String {
    gloo::utils::window().location().href().unwrap_or_default()
}

/// True in the embed view (`?embed`, or the page `embed.html`): see `core::share`.
pub fn embedded() -> bool {
    crate::core::share::is_embed(&href())
}

/// Starts writing `text` to the clipboard: the promise settles when it is written or refused;
/// `None` where the page has no clipboard to write to (an old browser, an insecure page).
pub fn copy(text: &str) -> Option<js_sys::Promise> {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok();
    let clipboard = get(&get(&gloo::utils::window(), "navigator")?, "clipboard")?;
    let write: js_sys::Function = get(&clipboard, "writeText")?.dyn_into().ok()?;
    write.call1(&clipboard, &text.into()).ok()?.dyn_into().ok()
}

fn reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The first element matching a CSS selector.
pub fn query(selector: &str) -> Option<Element> {
    gloo::utils::document().query_selector(selector).ok().flatten()
}

/// Scrolls `el` into the middle of its scroll container, smoothly unless the reader asked
/// for reduced motion.
pub fn scroll_to_middle(el: &Element) {
    let opts = ScrollIntoViewOptions::new();
    opts.set_block(ScrollLogicalPosition::Center);
    opts.set_inline(ScrollLogicalPosition::Nearest);
    opts.set_behavior(if reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Moves keyboard focus to `el`, an HTML or an SVG element: `focus` is one DOM method of both,
/// so one binding serves (the DOM calls it by name; two bindings and their type checks cost
/// the first load their own code).
pub fn focus(el: &Element) {
    let _ = el.unchecked_ref::<HtmlElement>().focus();
}

thread_local! {
    /// Set when a key on an event control or a count bubble moved the selection.
    static KEY_MOVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes that a key on an event control or a count bubble moves the selection: focus then
/// follows it, even when the control the key was pressed on is gone by the time the new one
/// is drawn (a bubble gives way to the event it stood for, which is another element).
pub fn note_key_move() {
    KEY_MOVE.with(|k| k.set(true));
}

/// True once after [`note_key_move`]: whether a key moved the selection since the last call.
pub fn take_key_move() -> bool {
    KEY_MOVE.with(|k| k.replace(false))
}

/// True when keyboard focus is on an event control (a timeline mark or an undated item).
pub fn focus_on_event_control() -> bool {
    // A count bubble counts too: the arrow keys step from it into its first event.
    gloo::utils::document().active_element().is_some_and(|a| {
        a.has_attribute("data-event-id") || a.get_attribute("class").is_some_and(|c| c == "bubble")
    })
}

/// The key under which the reader's article and edits are kept.
pub const STORAGE_KEY: &str = "sourceline.timeline.v1";

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The stored value under `key`.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; false when the browser refuses (private mode, quota).
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Forgets `key`.
pub fn forget(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Today's date in the reader's time zone, for prefilling the reference date.
pub fn today() -> Option<crate::core::date::Day> {
    let d = js_sys::Date::new_0();
    crate::core::date::Day::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

/// The value of a query parameter of the page's URL.
pub fn query_param(name: &str) -> Option<String> {
    query_params(name).into_iter().next()
}

/// Every value of the address's query parameter `name`, in order (`?article=a&article=b`).
pub fn query_params(name: &str) -> Vec<String> {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return Vec::new() };
    params.get_all(name).iter().filter_map(|v| v.as_string()).collect()
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let url = object_url(text, mime).ok_or("The browser could not prepare the file.")?;
    save_as(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A `blob:` URL of `text` typed `mime`, to be revoked by the caller.
fn object_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Offers the file at `url` (a `blob:` or `data:` URL) for download as `name`.
fn save_as(name: &str, url: &str) {
    if let Ok(a) = gloo::utils::document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(url);
        a.set_download(name);
        a.click();
    }
}

/// The drawing of the timeline as shown (or of the reading order, when that is the view), as
/// XML: the markup the worker turns into a self-contained SVG file (`core::svg`). Serialized
/// by the browser, which escapes as XML requires; the page's markup is never read as HTML.
/// With it, its width and height in px.
pub fn timeline_markup() -> Option<(String, f64, f64)> {
    let svg = query("#app svg.timeline")?;
    // Read by JavaScript: Rust's float parser would add 10 KB to the first load.
    let size = |a| js_sys::Number::parse_float(&svg.get_attribute(a).unwrap_or_default());
    let xml = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&svg).ok()?;
    Some((xml, size("width"), size("height")))
}

/// Draws the self-contained SVG `svg`, `width` px wide, into a PNG at twice its size (at
/// least 1000 px wide) and offers it for download as `name`. The image is read from a
/// `blob:` URL, which the site's policy allows for images.
pub async fn save_png(name: &str, svg: &str, width: f64, height: f64) -> Result<(), String> {
    let failed = || "The browser could not draw the PNG image.".to_string();
    let url = object_url(svg, "image/svg+xml").ok_or_else(failed)?;
    let img = web_sys::HtmlImageElement::new().map_err(|_| failed())?;
    img.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|_| failed())?;
    let scale = (1000.0 / width).max(2.0);
    let canvas: web_sys::HtmlCanvasElement =
        gloo::utils::document().create_element("canvas").map_err(|_| failed())?.unchecked_into();
    canvas.set_width((width * scale).ceil() as u32);
    canvas.set_height((height * scale).ceil() as u32);
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok().flatten().ok_or_else(failed)?.unchecked_into();
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        width * scale,
        height * scale,
    )
    .map_err(|_| failed())?;
    save_as(name, &canvas.to_data_url().map_err(|_| failed())?);
    Ok(())
}

/// The width `assets/style.css` gives the timeline's box in this window, worked out before
/// anything is drawn: the panes share the width 1.4 : 1 from 900 px up (the timeline pane
/// keeping room for its scroll bar), one column below; each pane has 1.25 rem of padding a
/// side. Only a first guess: the app measures the box once drawn and lays out again if it
/// differs, so a change to those styles costs a second layout, not a wrong drawing.
pub fn timeline_width() -> Option<f64> {
    let window = gloo::utils::window();
    let page = window.inner_width().ok()?.as_f64()?;
    let rem = 16.0;
    let padding = 2.0 * 1.25 * rem;
    let wide = page >= 900.0;
    // Classic scroll bars take room from the timeline pane (its gutter, on wide screens) or
    // from the page (a long article scrolls it, on narrow ones); overlay ones take none.
    let width = if wide {
        page * 1.4 / 2.4 - padding - scroll_bar_width("scroll-probe gutter")
    } else {
        page - scroll_bar_width("scroll-probe") - padding
    };
    (width > 0.0).then_some(width)
}

/// The room a vertical scroll bar takes in this browser, measured on a probe of class
/// `class` (`assets/style.css`): a scrolling box ("scroll-probe"; 0 with overlay or hidden
/// scroll bars), or a box with a stable gutter, as the wide timeline pane has ("gutter").
fn scroll_bar_width(class: &str) -> f64 {
    let doc = gloo::utils::document();
    let probe = doc.create_element("div").ok().and_then(|e| e.dyn_into::<HtmlElement>().ok());
    let (Some(probe), Some(body)) = (probe, doc.body()) else {
        return 0.0;
    };
    // Styled by its class (`assets/style.css`): the page's CSP forbids style attributes.
    probe.set_class_name(class);
    let _ = body.append_child(&probe);
    let bar = probe.offset_width() - probe.client_width();
    probe.remove();
    f64::from(bar.max(0))
}

/// Marks the page as the app's own: `#app` gets `data-live` (what tests and tools wait for,
/// as the page holds a prerendered copy of the first view before the app runs), and the
/// root loses `pending`, the class under which the page's first script hid that copy.
pub fn mark_live() {
    let doc = gloo::utils::document();
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.set_attribute("data-live", "");
    }
    if let Some(root) = doc.document_element() {
        let _ = root.class_list().remove_1("pending");
    }
}

/// The sample's events (JSON) and article, from the script elements the page carries them in
/// (written at build time by `src/bin/prerender.rs`).
pub fn seed_texts() -> Option<(String, String)> {
    use crate::core::prerender::{seed_article, SEED_ARTICLE_ID, SEED_EVENTS_ID};
    let doc = gloo::utils::document();
    let text = |id: &str| doc.get_element_by_id(id)?.text_content();
    Some((text(SEED_EVENTS_ID)?, seed_article(&text(SEED_ARTICLE_ID)?)?))
}

/// The bytes of a file the reader chose or dropped.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("The file {} could not be read.", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The bytes at `url`, fetched from the same origin or a server that allows it (CORS).
/// The page starts the request early (the first script in `index.html`); it is then taken
/// from there, once.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let fail = |why: &str| format!("Could not load {url}: {why}");
    let request = prefetched(url).unwrap_or_else(|| gloo::utils::window().fetch_with_str(url));
    let got = wasm_bindgen_futures::JsFuture::from(request).await.map_err(|_| {
        fail("the server could not be reached, or it does not allow cross-origin requests (CORS)")
    })?;
    // The early request resolves to the body itself once it is read in full.
    if got.is_instance_of::<js_sys::ArrayBuffer>() {
        forget_early(url);
        return Ok(js_sys::Uint8Array::new(&got).to_vec());
    }
    let resp: web_sys::Response = got.dyn_into().map_err(|_| fail("no response"))?;
    if !resp.ok() {
        return Err(fail(&format!("the server answered {} {}", resp.status(), resp.status_text())));
    }
    let buf = resp.array_buffer().map_err(|_| fail("the response has no body"))?;
    let buf = wasm_bindgen_futures::JsFuture::from(buf)
        .await
        .map_err(|_| fail("the download broke off"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// One of the maps the first script of `index.html` leaves on the page
/// (`sourcelinePrefetched`, the early requests; `sourcelineReady`, the bodies read in full),
/// if it started any request.
fn early_map(name: &str) -> Option<js_sys::Map> {
    js_sys::Reflect::get(&gloo::utils::window(), &name.into()).ok()?.dyn_into().ok()
}

/// The request for `url` that the first script of `index.html` started while the wasm
/// loaded, taken out of its map so that a later load of the same URL (a retry) fetches afresh.
fn prefetched(url: &str) -> Option<js_sys::Promise> {
    let early = early_map("sourcelinePrefetched")?;
    let key = JsValue::from_str(url);
    let request = early.get(&key).dyn_into::<js_sys::Promise>().ok()?;
    forget_early(url);
    Some(request)
}

/// Forgets the early request for `url` and its body: once the app has what it needs, the
/// page need not hold on to a copy.
pub fn forget_early(url: &str) {
    let key = JsValue::from_str(url);
    for map in ["sourcelinePrefetched", "sourcelineReady"].into_iter().filter_map(early_map) {
        map.delete(&key);
    }
}

/// The body of `url` if the page's early request has already read it in full; the request
/// stays in place (see [`forget_early`]).
pub fn ready_bytes(url: &str) -> Option<Vec<u8>> {
    let ready = early_map("sourcelineReady")?;
    let body = ready.get(&JsValue::from_str(url)).dyn_into::<js_sys::ArrayBuffer>().ok()?;
    Some(js_sys::Uint8Array::new(&body).to_vec())
}

/// Waits until the early request for `url` settles, or `ms` milliseconds pass, whichever
/// comes first; at once when there is none.
pub async fn settle_early(url: &str, ms: u32) {
    let Some(request) = early_map("sourcelinePrefetched")
        .and_then(|m| m.get(&JsValue::from_str(url)).dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let mut resolve = None;
    let timer = js_sys::Promise::new(&mut |done, _| resolve = Some(done));
    // Held until the race is over: dropping it cancels the timer if the request won.
    let _timeout = resolve.map(|done| {
        gloo::timers::callback::Timeout::new(ms, move || {
            let _ = done.call0(&JsValue::NULL);
        })
    });
    // A rejection counts as settled too: whoever awaits the request words the message.
    let either = js_sys::Promise::race(&js_sys::Array::of2(&request, &timer));
    let _ = wasm_bindgen_futures::JsFuture::from(either).await;
}

/// A task waiting for the next frame to be painted: see [`after_paint`]. Dropping it cancels
/// the task.
pub struct AfterPaint {
    // Held only to be dropped: dropping the frame and the timeout cancels them.
    _slots: std::rc::Rc<std::cell::RefCell<AfterPaintSlots>>,
}

type AfterPaintSlots =
    (Option<gloo::render::AnimationFrame>, Option<gloo::timers::callback::Timeout>);

/// Runs `f` once the next frame has been painted: in a task after the next animation frame.
/// (A zero timeout alone may run before the browser paints, delaying what was just drawn.)
pub fn after_paint(f: impl FnOnce() + 'static) -> AfterPaint {
    let slots = std::rc::Rc::new(std::cell::RefCell::new((None, None)));
    // Weak: the pending frame must not keep its own handle alive.
    let weak = std::rc::Rc::downgrade(&slots);
    let frame = gloo::render::request_animation_frame(move |_| {
        let task = gloo::timers::callback::Timeout::new(0, f);
        if let Some(s) = weak.upgrade() {
            s.borrow_mut().1 = Some(task);
        }
    });
    slots.borrow_mut().0 = Some(frame);
    AfterPaint { _slots: slots }
}

/// A task waiting for the browser to be idle: see [`when_idle`]. Dropping it cancels the task.
pub enum Idle {
    /// Waiting for an idle period, with the callback held until it runs or is cancelled.
    Idle(u32, wasm_bindgen::closure::Closure<dyn FnMut()>),
    /// In a browser without idle callbacks: after the next paint.
    Paint(AfterPaint),
}

impl Drop for Idle {
    fn drop(&mut self) {
        if let Idle::Idle(id, _) = self {
            gloo::utils::window().cancel_idle_callback(*id);
        }
    }
}

/// Runs `f` when the browser next has idle time: after a frame's work, never in the middle
/// of a zoom, pan or scroll that keeps every frame busy. Work that only completes the page
/// (the rest of a long article) then yields to the reader. Where idle callbacks are missing,
/// after the next paint instead.
pub fn when_idle(f: impl FnOnce() + 'static) -> Idle {
    let window = gloo::utils::window();
    // Shared, so that it can still run after the paint if the idle request fails.
    let task = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = task.take() {
            f();
        }
    };
    if js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false) {
        let later = run.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(later);
        if let Ok(id) = window.request_idle_callback(callback.as_ref().unchecked_ref()) {
            return Idle::Idle(id, callback);
        }
    }
    Idle::Paint(after_paint(run))
}
