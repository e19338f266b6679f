//! Start-up: the frame shown while the dataset loads on a thread — how far the load got, or, as soon as the
//! cache's query index gives them, the first cities drawn as the explorer will draw them — and the keys typed
//! meanwhile, kept for the explorer once the whole dataset is there.

use std::io;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use zhibiao_core::load::{Live, LoadCounter};
use zhibiao_core::lookup::Answer;
use zhibiao_core::plural;
use zhibiao_core::{Dataset, LoadError};

use crate::action::Action;
use crate::app::{self, Model};
use crate::{layout, reload, terminal, view};

/// How often the loading frame is redrawn (and keys looked at) while the dataset loads.
const LOADING_TICK: Duration = Duration::from_millis(40);

/// What the loading thread hands the event loop.
enum Loaded {
    /// The first cities, from the cache's query index, while the rest still loads.
    First(Box<Answer>),
    /// The whole dataset, or why it did not load.
    Done(Box<Result<(Dataset, Live), LoadError>>),
}

/// What the load running on its own thread is given: the counter the frame reads, and the way to show the
/// first cities before the whole dataset.
pub struct Loading {
    counter: Arc<LoadCounter>,
    first: mpsc::Sender<Loaded>,
    rows: usize,
}

impl Loading {
    /// The counter of files read and verified, for the loading frame.
    pub fn counter(&self) -> &LoadCounter {
        &self.counter
    }

    /// How many cities the first frame's list shows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Shows `first` (the first cities, every record of each, as [`zhibiao_core::lookup::first_cities`] reads
    /// them) until the whole dataset is loaded.
    pub fn show_first(&self, first: Answer) {
        let _ = self.first.send(Loaded::First(Box::new(first)));
    }
}

/// Opens the explorer at once and loads the dataset meanwhile: `load` runs on its own thread while a frame
/// says what is loading and how far it got (files read and verified), and `q`, Esc or Ctrl-C still quit; if the
/// load shows the first cities first ([`Loading::show_first`]), they are drawn as the explorer draws them, with
/// the status lines saying the rest is loading, and keys typed then are kept and applied, in order, once it is
/// there (`q` and Ctrl-C still quit). Then the explorer runs until the user quits; the terminal is restored on
/// every exit path. With `root`, the dataset folder, view 6 can write to it and the explorer reloads when its
/// files change (a save spliced into the dataset through the [`Live`] state the load gives with it). Returns the
/// load's error, if it failed (the terminal is restored first, so the caller can print it).
pub fn run_loading(
    what: String,
    root: Option<std::path::PathBuf>,
    load: impl FnOnce(&Loading) -> Result<(Dataset, Live), LoadError> + Send + 'static,
) -> io::Result<Option<LoadError>> {
    // Watch data/ before the load starts, so that a save made while it runs is reloaded once it is shown.
    let early = root.as_deref().map(reload::EarlyWatch::start);
    let counter = Arc::new(LoadCounter::new());
    let (tx, rx) = mpsc::channel();
    let rows = cities_shown(crossterm::terminal::size().unwrap_or((200, 60)));
    let loading = Loading { counter: Arc::clone(&counter), first: tx.clone(), rows };
    std::thread::spawn(move || {
        let loaded = load(&loading);
        let _ = tx.send(Loaded::Done(Box::new(loaded)));
    });
    let mut guard = terminal::Guard::enter()?;
    let mut first: Option<(Model, usize)> = None;
    let mut typed = Vec::new();
    let loaded = loop {
        match &first {
            Some((model, total)) => {
                let keys = typed.iter().filter(|ev| is_key_press(ev)).count();
                guard.terminal.draw(|f| draw_first(f, model, *total, counter.get(), keys))?
            }
            None => guard.terminal.draw(|f| draw_loading(f, &what, counter.get()))?,
        };
        match rx.try_recv() {
            Ok(Loaded::Done(result)) => break *result,
            Ok(Loaded::First(answer)) => {
                let answer = *answer;
                let size = guard.terminal.size()?;
                let mut model = Model::new(answer.dataset, (size.width, size.height));
                app::update(&mut model, Action::Resize(size.width, size.height));
                first = Some((model, answer.total));
                continue;
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => return Err(io::Error::other("the dataset's load stopped")),
        }
        if terminal::stop_requested() {
            return Ok(None);
        }
        if event::poll(LOADING_TICK)? {
            let ev = event::read()?;
            if let Event::Key(k) = &ev {
                let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                // Over the first cities Esc is the explorer's (it clears a filter typed ahead), not a way out.
                let esc_quits = first.is_none() && k.code == KeyCode::Esc;
                if k.kind != KeyEventKind::Release && (k.code == KeyCode::Char('q') || ctrl_c || esc_quits) {
                    return Ok(None);
                }
            }
            match (&mut first, ev) {
                // A resize has no effect to perform; the explorer reads the terminal's size when it starts.
                (Some((model, _)), Event::Resize(w, h)) => drop(app::update(model, Action::Resize(w, h))),
                (Some(_), ev) => typed.push(ev),
                (None, _) => {}
            }
        }
    };
    match loaded {
        Ok((ds, live)) => crate::explore(guard, ds, live, root, early, typed).map(|()| None),
        Err(e) => {
            drop(guard);
            Ok(Some(e))
        }
    }
}

/// How many cities the first frame's list shows on a terminal of `(width, height)`: as many as the load reads
/// ahead of the rest ([`Loading::rows`]).
pub fn cities_shown((width, height): (u16, u16)) -> usize {
    layout::Areas::of(Rect::new(0, 0, width, height)).group_rows().max(1)
}

/// True for a key pressed (not released, not the mouse): what the status lines count as typed.
fn is_key_press(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.kind != KeyEventKind::Release)
}

/// The frame shown while the dataset loads.
pub fn draw_loading(f: &mut ratatui::Frame, what: &str, (done, total): (usize, usize)) {
    use ratatui::widgets::{Block, Borders};
    let count = if total == 0 {
        "reading the tables…".to_string()
    } else {
        format!("{done} / {total} files read and verified")
    };
    let text = format!("指标 zhibiao\n\nLoading {what}\n{count}\n\nq quits");
    let area = f.area();
    let block = Block::default().borders(Borders::ALL).title(" loading ");
    f.render_widget(Paragraph::new(text).block(block).alignment(ratatui::layout::Alignment::Center), area);
}

/// The first cities (`model`, over the records the cache's index gave) drawn as the explorer draws them, the
/// status lines saying that `total` indicators are loading, how far the load got and how many keys were `typed`
/// meanwhile (so a key pressed shows it was taken).
pub fn draw_first(f: &mut ratatui::Frame, model: &Model, total: usize, (done, files): (usize, usize), typed: usize) {
    view::render(model, f);
    let a = layout::Areas::of(f.area());
    if a.too_small() {
        return;
    }
    let files = if files == 0 { String::new() } else { format!(" ({done} / {files} files)") };
    let width = usize::from(a.status.width);
    // Cut as the status lines cut, with `…`.
    let line = |text: String, style| Line::from(view::fit_spans(vec![Span::styled(text, style)], width));
    let lines = vec![
        line(format!(" loading {total} indicators{files}: the first cities are shown"), view::BOLD),
        match typed {
            0 => line(" keys typed now are applied once it is loaded · q quits".to_string(), view::DIM),
            n => line(format!(" {} typed, applied once it is loaded · q quits", plural::count(n, "key")), view::BOLD),
        },
    ];
    let area = Rect { height: a.status.height.min(2), ..a.status };
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    use super::*;
    use crate::sample;

    /// The rows of the screen `draw_first` gives for the sample dataset at `size`, each cell's symbol in turn.
    fn rows(size: (u16, u16), total: usize, files: (usize, usize), typed: usize) -> (Vec<String>, Vec<String>) {
        let mut m = Model::new(sample::dataset(), size);
        app::update(&mut m, Action::Resize(size.0, size.1));
        let draw = |first: bool| {
            let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap_or_else(|e| match e {});
            if first {
                term.draw(|f| draw_first(f, &m, total, files, typed)).unwrap_or_else(|e| match e {});
            } else {
                term.draw(|f| view::render(&m, f)).unwrap_or_else(|e| match e {});
            }
            let b = term.backend().buffer().clone();
            (0..size.1).map(|y| (0..size.0).map(|x| b[(x, y)].symbol()).collect::<String>()).collect::<Vec<_>>()
        };
        (draw(true), draw(false))
    }

    #[test]
    fn the_first_cities_are_drawn_as_the_explorer_draws_them_with_status_lines_that_say_the_rest_is_loading() {
        for size in [(120, 30), (121, 31)] {
            let (first, explorer) = rows(size, 1_200_000, (60_000, 120_000), 0);
            let body = usize::from(size.1) - 2;
            assert_eq!(first[..body], explorer[..body], "at {size:?}");
            assert_eq!(
                first[body].trim_end(),
                " loading 1200000 indicators (60000 / 120000 files): the first cities are shown"
            );
            assert_eq!(first[body + 1].trim_end(), " keys typed now are applied once it is loaded · q quits");
            // Keys pressed meanwhile are counted, so that the user sees they were taken.
            for (typed, said) in [(1, " 1 key typed"), (3, " 3 keys typed")] {
                let (first, _) = rows(size, 1_200_000, (60_000, 120_000), typed);
                assert_eq!(first[body + 1].trim_end(), format!("{said}, applied once it is loaded · q quits"));
            }
        }
    }

    #[test]
    fn only_keys_pressed_count_as_typed() {
        use crossterm::event::KeyEvent;
        let press = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        let release = KeyEvent { kind: KeyEventKind::Release, ..press };
        assert!(is_key_press(&Event::Key(press)));
        assert!(!is_key_press(&Event::Key(release)));
        assert!(!is_key_press(&Event::FocusGained));
    }

    #[test]
    fn status_lines_too_long_for_the_terminal_end_with_an_ellipsis() {
        for width in [52u16, 53] {
            let (first, _) = rows((width, 20), 1_200_000, (60_000, 120_000), 0);
            for line in &first[18..] {
                assert_eq!(crate::text::width(line), usize::from(width), "{line}");
                assert!(line.trim_end().ends_with('…'), "cut with an ellipsis at {width}: {line}");
            }
        }
        // A terminal below the minimum size says so, with no status lines over it.
        let (first, explorer) = rows((30, 8), 5, (0, 0), 0);
        assert_eq!(first, explorer);
    }
}
