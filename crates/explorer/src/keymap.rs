//! The one key table. Dispatch, the help overlay and the status-bar hints all read [`KEYMAP`], so they never
//! disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::vocab::{Mode, PickerKind, ViewKind};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key with modifiers (Shift is never listed for characters: `Y` is the character `Y`).
    Press(KeyCode, KeyModifiers),
    /// Any printable character (text input).
    Printable,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// In every mode.
    Always,
    /// Browse screen and source view alike.
    Main,
    /// The browse screen (groups and table).
    Browse,
    /// The source view.
    Source,
    /// View 6, the candidates.
    Candidates,
    /// Typing in the filter or a picker.
    Input,
    /// A picker is open.
    Picker,
    /// The help overlay is open.
    Help,
}

impl Context {
    /// Heading of this context in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "Everywhere",
            Context::Main => "Browsing and source view",
            Context::Browse => "Browsing (groups and table)",
            Context::Source => "Source view",
            Context::Candidates => "Candidates (view 6)",
            Context::Input => "Filter, pickers and export name (typing)",
            Context::Picker => "Pickers",
            Context::Help => "This help",
        }
    }

    /// The contexts that apply in `mode`, most specific first.
    pub fn of_mode(mode: Mode) -> &'static [Context] {
        match mode {
            Mode::Browse => &[Context::Browse, Context::Main, Context::Always],
            Mode::Source => &[Context::Source, Context::Main, Context::Always],
            Mode::Candidates => &[Context::Candidates, Context::Main, Context::Always],
            Mode::FilterInput => &[Context::Input, Context::Always],
            Mode::Picker => &[Context::Picker, Context::Input, Context::Always],
            Mode::Help => &[Context::Help, Context::Always],
            Mode::Prompt => &[Context::Input, Context::Always],
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys, any of which triggers it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// The help overlay's description.
    pub help: &'static str,
    /// A word or two for the status-bar hints, when it is worth a hint there.
    pub hint: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn ch(c: char) -> Key {
    Key::Press(KeyCode::Char(c), NONE)
}
const fn ctrl(c: char) -> Key {
    Key::Press(KeyCode::Char(c), CTRL)
}
const fn code(c: KeyCode) -> Key {
    Key::Press(c, NONE)
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding { context, keys, action, help, hint }
}

use Context::{Always, Browse, Candidates, Help, Input, Main, Picker, Source};

/// Every key the explorer knows, in the order the help overlay lists them.
pub static KEYMAP: &[Binding] = &[
    bind(Always, &[ctrl('c')], Action::Quit, "quit", None),
    // Browse screen.
    bind(
        Browse,
        &[code(KeyCode::Enter)],
        Action::Open,
        "open the source at the quote (on a group: focus the table)",
        Some("source"),
    ),
    bind(Browse, &[ch('h'), code(KeyCode::Left)], Action::FocusGroups, "focus the groups (left)", None),
    bind(Browse, &[ch('l'), code(KeyCode::Right)], Action::FocusTable, "focus the indicator table (right)", None),
    bind(Browse, &[code(KeyCode::Backspace)], Action::DropFilter, "drop the filter added last (one at a time)", None),
    bind(Browse, &[code(KeyCode::Esc), ch('x')], Action::ClearFilters, "clear every filter", Some("clear")),
    // Source view.
    bind(Source, &[ch('n')], Action::NextQuote, "next cited quote", Some("next")),
    bind(Source, &[ch('N')], Action::PrevQuote, "previous cited quote", Some("prev")),
    bind(Source, &[code(KeyCode::Enter)], Action::Open, "go to the current quote's indicator", Some("indicator")),
    bind(
        Source,
        &[code(KeyCode::Esc), code(KeyCode::Backspace)],
        Action::Back,
        "back to where the source was opened",
        Some("back"),
    ),
    bind(Source, &[ch('x')], Action::ClearFilters, "clear every filter", None),
    // View 6.
    bind(Candidates, &[ch('a')], Action::AcceptCandidate, "accept: append the drafted record", Some("accept")),
    bind(Candidates, &[ch('i')], Action::IgnoreCandidate, "ignore, with a reason (typed next)", Some("ignore")),
    bind(Candidates, &[code(KeyCode::Enter)], Action::Open, "the figure's paragraph in the source", Some("source")),
    bind(Candidates, &[ch('h'), code(KeyCode::Left)], Action::FocusGroups, "focus the documents (left)", None),
    bind(Candidates, &[ch('l'), code(KeyCode::Right)], Action::FocusTable, "focus the figures (right)", None),
    // Both.
    bind(
        Main,
        &[ch('j'), code(KeyCode::Down), ctrl('n')],
        Action::Down,
        "down one row (source: scroll one line)",
        None,
    ),
    bind(Main, &[ch('k'), code(KeyCode::Up), ctrl('p')], Action::Up, "up one row (source: scroll one line)", None),
    bind(Main, &[code(KeyCode::PageDown), ctrl('f')], Action::PageDown, "down one page", None),
    bind(Main, &[code(KeyCode::PageUp), ctrl('b')], Action::PageUp, "up one page", None),
    bind(Main, &[ctrl('d')], Action::HalfPageDown, "down half a page", None),
    bind(Main, &[ctrl('u')], Action::HalfPageUp, "up half a page", None),
    bind(Main, &[ch('g'), code(KeyCode::Home)], Action::Top, "first row (source: top)", None),
    bind(Main, &[ch('G'), code(KeyCode::End)], Action::Bottom, "last row (source: end)", None),
    bind(Main, &[code(KeyCode::Tab)], Action::NextView, "next view", None),
    bind(Main, &[code(KeyCode::BackTab)], Action::PrevView, "previous view", None),
    bind(Main, &[ch('1')], Action::ShowView(ViewKind::Cities), "view: cities", None),
    bind(Main, &[ch('2')], Action::ShowView(ViewKind::Themes), "view: themes", None),
    bind(Main, &[ch('3')], Action::ShowView(ViewKind::Years), "view: years (timeline)", None),
    bind(Main, &[ch('4')], Action::ShowView(ViewKind::All), "view: all indicators", None),
    bind(Main, &[ch('5')], Action::ShowView(ViewKind::Metrics), "view: metrics (chart and progress)", None),
    bind(Main, &[ch('6')], Action::ShowView(ViewKind::Candidates), "view: candidates (accept or ignore)", None),
    bind(Main, &[ch('s')], Action::CycleSort, "sort by: document, year, value, city, name, status", None),
    bind(Main, &[ch('S')], Action::ReverseSort, "reverse the sort", None),
    bind(Main, &[ch('v')], Action::ToggleBaseValue, "show or hide the normalised value (with its sign)", None),
    bind(Main, &[ch('e')], Action::StartExport, "export the table's rows to CSV or JSON (name prompted)", None),
    bind(Main, &[ch('T')], Action::GoToTarget, "from an actual: go to the target it counts toward", None),
    bind(Main, &[ch('/')], Action::StartFilter, "filter by text (regex when valid, else literal)", Some("filter")),
    bind(Main, &[ch('c')], Action::OpenPicker(PickerKind::City), "pick a city", Some("city")),
    bind(Main, &[ch('t')], Action::OpenPicker(PickerKind::Theme), "pick a theme", Some("theme")),
    bind(Main, &[ch('y')], Action::OpenPicker(PickerKind::Year), "pick a year", Some("year")),
    bind(Main, &[ch('m')], Action::OpenPicker(PickerKind::Metric), "pick a metric", Some("metric")),
    bind(Main, &[ch('K')], Action::CycleKind, "cycle kind: all, targets, actuals", Some("kind")),
    bind(Main, &[ctrl('o'), Key::Press(KeyCode::Left, ALT)], Action::JumpBack, "jump back", None),
    bind(
        Main,
        &[ctrl('i'), Key::Press(KeyCode::Right, ALT)],
        Action::JumpForward,
        "jump forward (terminals that send Ctrl-i as Tab: Alt-→)",
        None,
    ),
    bind(Main, &[ch('Y')], Action::Yank, "copy a citation of the indicator (OSC 52)", Some("yank")),
    bind(Main, &[ch('E')], Action::ScrollErrors, "after a save that broke the dataset: scroll its errors", None),
    bind(Main, &[ch('L')], Action::ToggleLang, "label language: 中文 / English", None),
    bind(Main, &[ch('?')], Action::ToggleHelp, "this help", Some("help")),
    bind(Main, &[ch('q')], Action::Quit, "quit", Some("quit")),
    // Pickers.
    bind(Picker, &[code(KeyCode::Down), ctrl('n')], Action::Down, "next choice", None),
    bind(Picker, &[code(KeyCode::Up), ctrl('p')], Action::Up, "previous choice", None),
    bind(Picker, &[code(KeyCode::PageDown)], Action::PageDown, "next page of choices", None),
    bind(Picker, &[code(KeyCode::PageUp)], Action::PageUp, "previous page of choices", None),
    bind(Picker, &[code(KeyCode::Tab)], Action::ToggleChoice, "mark or unmark a choice (pick several)", Some("mark")),
    // Typing.
    bind(Input, &[Key::Printable], Action::InputChar(' '), "type to filter (pickers: to narrow)", None),
    bind(Input, &[code(KeyCode::Backspace)], Action::InputBackspace, "delete the last character", None),
    bind(Input, &[ctrl('u')], Action::InputClear, "delete everything typed", None),
    bind(
        Input,
        &[code(KeyCode::Enter)],
        Action::Accept,
        "keep the filter / pick the choice / write the export",
        Some("keep"),
    ),
    bind(
        Input,
        &[code(KeyCode::Esc)],
        Action::Cancel,
        "filter: clear it; picker: close without picking; export: cancel",
        Some("cancel"),
    ),
    // Help.
    bind(Help, &[ch('j'), code(KeyCode::Down)], Action::Down, "scroll down", None),
    bind(Help, &[ch('k'), code(KeyCode::Up)], Action::Up, "scroll up", None),
    bind(Help, &[code(KeyCode::PageDown)], Action::PageDown, "page down", None),
    bind(Help, &[code(KeyCode::PageUp)], Action::PageUp, "page up", None),
    bind(Help, &[code(KeyCode::Esc), ch('?'), ch('q')], Action::CloseOverlay, "close", Some("close")),
];

/// Mouse actions, listed in the help after the keys (they are not keys, so not in the table).
pub const MOUSE_HELP: &[(&str, &str)] =
    &[("wheel", "scroll the pane under the pointer"), ("click", "select a tab, group, row or quote")];

/// The key of a terminal event, with Shift dropped from characters (Shift-y arrives as `Y`) and from Shift-Tab.
fn normalize(ev: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    // Some terminals report Ctrl with an upper-case letter.
    let code = match ev.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    (code, mods)
}

/// The action a key press triggers in `mode`, if any: the first matching binding of the most specific context.
pub fn action_for(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let (code, mods) = normalize(ev);
    for &context in Context::of_mode(mode) {
        for b in KEYMAP.iter().filter(|b| b.context == context) {
            for key in b.keys {
                match *key {
                    Key::Press(c, m) if c == code && m == mods => return Some(b.action),
                    Key::Printable => {
                        if let KeyCode::Char(c) = code {
                            if !mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) && !c.is_control() {
                                return Some(Action::InputChar(c));
                            }
                        }
                    }
                    Key::Press(..) => {}
                }
            }
        }
    }
    None
}

/// How a key is written in the help and hints: `j`, `Ctrl-o`, `Alt-←`, `Shift-Tab`, `PgDn`.
pub fn key_label(key: &Key) -> String {
    let Key::Press(code, mods) = key else {
        return "text".to_string();
    };
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&name);
    out
}

/// All keys of a binding, as the help shows them: `j ↓ Ctrl-n`.
pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(key_label).collect::<Vec<_>>().join(" ")
}

/// The status-bar hints for `mode`: `(key, word)` pairs, from the bindings that have a hint.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let contexts = Context::of_mode(mode);
    let mut out = Vec::new();
    for &context in contexts {
        for b in KEYMAP.iter().filter(|b| b.context == context) {
            if let (Some(hint), Some(key)) = (b.hint, b.keys.first()) {
                out.push((key_label(key), hint));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_is_bound_twice_in_the_contexts_of_one_mode() {
        for mode in
            [Mode::Browse, Mode::Candidates, Mode::Source, Mode::FilterInput, Mode::Picker, Mode::Help, Mode::Prompt]
        {
            let mut seen: Vec<(Key, Context)> = Vec::new();
            for &context in Context::of_mode(mode) {
                for b in KEYMAP.iter().filter(|b| b.context == context) {
                    for k in b.keys {
                        // A more specific context may override a general one; within one context keys are unique.
                        assert!(!seen.iter().any(|(s, c)| s == k && *c == context), "{k:?} bound twice in {context:?}");
                        seen.push((*k, context));
                    }
                }
            }
        }
    }

    #[test]
    fn shift_and_ctrl_are_read_the_way_terminals_send_them() {
        let m = Mode::Browse;
        assert_eq!(action_for(m, &press(KeyCode::Char('Y'), KeyModifiers::SHIFT)), Some(Action::Yank));
        assert_eq!(action_for(m, &press(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevView));
        assert_eq!(action_for(m, &press(KeyCode::Char('o'), CTRL)), Some(Action::JumpBack));
        assert_eq!(action_for(m, &press(KeyCode::Char('c'), CTRL)), Some(Action::Quit));
        assert_eq!(action_for(m, &press(KeyCode::Char('k'), NONE)), Some(Action::Up));
        assert_eq!(action_for(m, &press(KeyCode::Char('j'), NONE)), Some(Action::Down));
        assert_eq!(action_for(m, &press(KeyCode::Char('K'), KeyModifiers::SHIFT)), Some(Action::CycleKind));
        assert_eq!(action_for(m, &press(KeyCode::Backspace, NONE)), Some(Action::DropFilter));
        // While typing, letters are text, not commands; Ctrl-C still quits.
        let t = Mode::FilterInput;
        assert_eq!(action_for(t, &press(KeyCode::Char('q'), NONE)), Some(Action::InputChar('q')));
        assert_eq!(action_for(t, &press(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::InputChar('G')));
        assert_eq!(action_for(t, &press(KeyCode::Char('c'), CTRL)), Some(Action::Quit));
        assert_eq!(action_for(Mode::Source, &press(KeyCode::Esc, NONE)), Some(Action::Back));
        assert_eq!(action_for(Mode::Browse, &press(KeyCode::Esc, NONE)), Some(Action::ClearFilters));
    }

    #[test]
    fn hints_come_from_the_table() {
        let h = hints(Mode::Browse);
        assert!(h.contains(&("/".to_string(), "filter")));
        assert!(h.contains(&("?".to_string(), "help")));
        assert_eq!(key_label(&ctrl('o')), "Ctrl-o");
        assert_eq!(key_label(&Key::Press(KeyCode::Right, ALT)), "Alt-→");
    }
}
