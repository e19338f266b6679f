//! The explorer: an interactive terminal view over a verified dataset.
//!
//! Built as The Elm Architecture: [`app::Model`] holds the state, [`keymap`] turns keys into [`app::Action`]s,
//! [`app::update`] applies them, and [`view::render`] draws the model without changing it. The event loop
//! below is the only place that touches the terminal.

pub mod action;
pub mod app;
#[cfg(test)]
mod app_tests;
pub mod clipboard;
pub mod component;
pub mod doclayout;
pub mod export;
pub mod filters;
pub mod keymap;
pub mod layout;
pub mod nav;
pub mod progress_index;
pub mod reload;
#[cfg(test)]
pub mod sample;
pub mod sort;
pub mod terminal;
pub mod text;
pub mod view;
pub mod vocab;

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use zhibiao::Dataset;

use app::{Action, Effect, Model};

/// How often the loop wakes without input, to notice a termination signal.
const TICK: Duration = Duration::from_millis(200);

/// Runs the explorer until the user quits. The terminal is restored on every exit path. With `root`, the
/// dataset folder, view 6 can write to it and the explorer reloads when its files change.
pub fn run(ds: Dataset, root: Option<std::path::PathBuf>) -> io::Result<()> {
    // Watch before the first frame, so no save after the load goes unseen.
    let watcher = root.as_ref().map(|r| reload::Watcher::start(r.clone(), &ds));
    let mut guard = terminal::Guard::enter()?;
    let size = guard.terminal.size()?;
    let mut model = Model::new(ds, (size.width, size.height));
    model.root = root;
    let watcher = match watcher {
        Some(Ok(w)) => Some(w),
        Some(Err(e)) => {
            model.message = Some(format!("live reload is off: cannot watch the dataset folder ({e})"));
            None
        }
        None => None,
    };
    // Wrap the open document (if any) for the first frame.
    app::update(&mut model, Action::Resize(size.width, size.height));
    let mut dirty = true;
    while !model.quit && !terminal::stop_requested() {
        if dirty {
            guard.terminal.draw(|f| view::render(&model, f))?;
            dirty = false;
            panic_if_a_test_asks();
        }
        for msg in watcher.as_ref().map(reload::Watcher::ready).unwrap_or_default() {
            reload::update(&mut model, msg);
            dirty = true;
        }
        if dirty {
            continue;
        }
        if !event::poll(TICK)? {
            continue;
        }
        let Some(action) = action_of(&model, event::read()?) else { continue };
        if let Some(Effect::Copy(text)) = app::update(&mut model, action) {
            guard.write_raw(&clipboard::osc52(&text))?;
        }
        dirty = true;
    }
    drop(guard);
    Ok(())
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
