//! The explorer: an interactive terminal view over a verified dataset.
//!
//! Built as The Elm Architecture: [`app::Model`] holds the state, [`keymap`] turns keys into [`action::Action`]s,
//! [`app::update`] applies them, and [`view::render`] draws the model without changing it. The event loop
//! below is the only place that touches the terminal.

pub mod action;
pub mod app;
#[cfg(test)]
mod app_tests;
pub mod clipboard;
pub mod component;
pub mod detail_text;
pub mod doclayout;
pub mod effect;
pub mod errors;
pub mod export;
pub mod filters;
pub mod keymap;
#[cfg(test)]
mod layering_tests;
pub mod layout;
pub mod loading;
pub mod nav;
pub mod progress_index;
pub mod reload;
#[cfg(test)]
pub mod sample;
pub mod scroll;
pub mod signed;
pub mod sort;
pub mod state;
pub mod terminal;
pub mod text;
pub mod view;
pub mod vocab;

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use zhibiao_core::load::Live;
use zhibiao_core::Dataset;

use action::{Action, Effect};
use app::Model;

pub use loading::{draw_first, draw_loading, run_loading, Loading};

/// How often the loop wakes without input, to notice a termination signal.
const TICK: Duration = Duration::from_millis(200);
/// How often it wakes while a reload is under way, to show it once done.
const RELOAD_TICK: Duration = Duration::from_millis(5);

/// The explorer's event loop over a loaded dataset, the events `typed` while it loaded applied first, in order.
fn explore(
    mut guard: terminal::Guard,
    ds: Dataset,
    live: Live,
    root: Option<std::path::PathBuf>,
    early: Option<notify::Result<reload::EarlyWatch>>,
    typed: Vec<Event>,
) -> io::Result<()> {
    // What a write checks its file against: the stamps the load found, taken before the watcher takes `live`.
    let loaded = live.file_stamps();
    let load_cache = live.cache_dir().map(std::path::Path::to_path_buf);
    // The watch begun before the load takes in the source folders now, before the first frame.
    let watcher = match (root.as_ref(), early) {
        (Some(r), Some(Ok(early))) => Some(reload::Watcher::take_over(early, r.clone(), &ds, live)),
        (_, Some(Err(e))) => Some(Err(e)),
        (Some(r), None) => Some(reload::Watcher::start(r.clone(), &ds, live)),
        (None, _) => None,
    };
    let size = guard.terminal.size()?;
    let mut model = Model::new(ds, (size.width, size.height));
    model.set_root_loaded(root, loaded);
    model.ui.load_cache = load_cache;
    // Unfinished drafts were set aside: said once, where the curator finishes them (view 6).
    model.ui.message = model.ds.unfinished_summary().map(|s| format!("{s} — finish them in view 6"));
    let watcher = match watcher {
        Some(Ok(w)) => Some(w),
        Some(Err(e)) => {
            model.ui.message = Some(format!("live reload is off: cannot watch the dataset folder ({e})"));
            None
        }
        None => None,
    };
    // Wrap the open document (if any) for the first frame.
    app::update(&mut model, Action::Resize(size.width, size.height));
    for ev in typed {
        if let Some(text) = action_of(&model, ev).and_then(|action| step(&mut model, action)) {
            guard.write_raw(&clipboard::osc52(&text))?;
        }
    }
    let mut dirty = true;
    while !model.ui.quit && !terminal::stop_requested() {
        if dirty {
            guard.terminal.draw(|f| view::render(&model, f))?;
            dirty = false;
            panic_if_a_test_asks();
        }
        if let Some(w) = &watcher {
            for msg in w.ready() {
                if reload::update(&mut model, msg) == reload::After::LoadWhole {
                    w.load_whole();
                }
                dirty = true;
            }
        }
        if dirty {
            continue;
        }
        // While nobody types, the work the first frame left for later, a few milliseconds at a time (it changes
        // nothing on screen: what is shown was judged and measured when it was shown).
        if model.has_work_ahead() && !event::poll(Duration::ZERO)? {
            app::update(&mut model, Action::WorkAhead);
            continue;
        }
        // A reload under way is drawn as soon as it is done, not at the next tick.
        let tick = if watcher.as_ref().is_some_and(reload::Watcher::busy) { RELOAD_TICK } else { TICK };
        if !event::poll(tick)? {
            continue;
        }
        let Some(action) = action_of(&model, event::read()?) else { continue };
        if let Some(text) = step(&mut model, action) {
            guard.write_raw(&clipboard::osc52(&text))?;
        }
        dirty = true;
    }
    drop(guard);
    // The process ends next: handing 100,000 records back to the allocator one by one would keep the shell
    // waiting for nothing.
    std::mem::forget(model);
    Ok(())
}

/// One action carried out whole, as the event loop does it: [`app::update`], then the effect it asks for
/// performed ([`effect::perform`]) and what came of it handed back ([`app::finish`]; a file found changed since
/// the load reloads the dataset first, [`reload::reload_changed`]). Returns the text to put on the clipboard, if
/// the action copied (writing to the terminal is the caller's).
pub fn step(model: &mut Model, action: Action) -> Option<String> {
    match app::update(model, action)? {
        Effect::Copy(text) => Some(text),
        effect => {
            match effect::perform(effect, &model.ds) {
                Some(action::Done::Changed(rel)) => reload::reload_changed(model, &rel),
                Some(done) => app::finish(model, done),
                None => {}
            }
            None
        }
    }
}

/// A test-only way to panic while the terminal is in explorer mode, so a real-terminal test can prove that a
/// panic gives the terminal back. Compiled into debug builds only: a release build has no such trigger.
#[cfg(debug_assertions)]
fn panic_if_a_test_asks() {
    if std::env::var_os("ZHIBIAO_TEST_PANIC").is_some() {
        panic!("test-only panic requested by ZHIBIAO_TEST_PANIC");
    }
}

#[cfg(not(debug_assertions))]
fn panic_if_a_test_asks() {}

/// The action a terminal event asks for in the model's current mode, if any.
fn action_of(model: &Model, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) => keymap::action_for(model.mode(), &k),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(me) => match me.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(me.column, me.row)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(me.column, me.row, true)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(me.column, me.row, false)),
            _ => None,
        },
        _ => None,
    }
}
