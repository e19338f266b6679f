//! What the user can ask for ([`Action`]), what the event loop must do in return ([`Effect`]) and what came of
//! it ([`Done`]).

use std::ops::Range;
use std::path::PathBuf;

use zhibiao_core::cache::Stamp;
use zhibiao_core::edit::List;
use zhibiao_core::ids::IndicatorId;

use crate::vocab::{PickerKind, ViewKind};

/// Everything the user can ask for. Keys map to these through the key table; the mouse and the terminal
/// produce `Resize`, `Click` and `Wheel`, and the event loop `WorkAhead` while no input waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the explorer.
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Close the open overlay.
    CloseOverlay,
    /// Switch label language.
    ToggleLang,
    /// Copy a citation of the selected indicator.
    Yank,
    /// Sort the table by the next column (document, year, value, city, name, status).
    CycleSort,
    /// Reverse the table's sort.
    ReverseSort,
    /// Show or hide the normalised-value column.
    ToggleBaseValue,
    /// Prompt for a file name and export the table's rows.
    StartExport,
    /// From an actual, go to the (first) target it counts toward.
    GoToTarget,
    /// Start typing the text filter.
    StartFilter,
    /// Open a picker.
    OpenPicker(PickerKind),
    /// All → targets → actuals → all.
    CycleKind,
    /// Mark or unmark the picker's highlighted choice.
    ToggleChoice,
    /// Remove the last filter chip only.
    DropFilter,
    /// Remove every filter.
    ClearFilters,
    /// Scroll the panel of `check`'s errors a page further (back to the first from the last).
    ScrollErrors,
    /// Next view tab.
    NextView,
    /// Previous view tab.
    PrevView,
    /// A given view tab.
    ShowView(ViewKind),
    /// Keyboard to the groups pane.
    FocusGroups,
    /// Keyboard to the table.
    FocusTable,
    /// One row or line down.
    Down,
    /// One row or line up.
    Up,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// First row, or top of the document.
    Top,
    /// Last row, or end of the document.
    Bottom,
    /// Enter: open the source (browse) or go to the quote's indicator (source).
    Open,
    /// Leave the source view.
    Back,
    /// Next cited quote.
    NextQuote,
    /// Previous cited quote.
    PrevQuote,
    /// Ctrl-o.
    JumpBack,
    /// Ctrl-i.
    JumpForward,
    /// A typed character.
    InputChar(char),
    /// Delete the last typed character.
    InputBackspace,
    /// Delete everything typed.
    InputClear,
    /// Enter while typing.
    Accept,
    /// Esc while typing.
    Cancel,
    /// View 6: append the selected candidate's drafted record to its document's indicator file.
    AcceptCandidate,
    /// View 6: ignore the selected candidate, with a reason typed next.
    IgnoreCandidate,
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The wheel turned over (column, row); true for down.
    Wheel(u16, u16, bool),
    /// Nobody is typing: do a few milliseconds of the work the first frame left for later (see
    /// `Model::has_work_ahead`).
    WorkAhead,
}

/// A side effect for the event loop to carry out: everything the explorer does outside its own memory. `update`
/// only asks; the loop performs the effect (`crate::effect::perform`) and hands what came of it back to the model
/// (`crate::app::finish`), so `update` itself never touches a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Write these indicators, in this order, to the file `name` in `dir` (CSV or JSON by the name).
    Export {
        /// The folder.
        dir: PathBuf,
        /// The file name as typed.
        name: String,
        /// The rows, as the table shows them.
        rows: Vec<IndicatorId>,
    },
    /// Append an entry to a list of a document's indicator file (accepting or ignoring a candidate).
    Append(Append),
}

/// An append to an indicator file, and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Append {
    /// The dataset folder.
    pub root: PathBuf,
    /// The indicator file, relative to `root`.
    pub rel: String,
    /// The document the file is for.
    pub doc_id: String,
    /// Which list.
    pub list: List,
    /// The entry, as `edit` writes it.
    pub entry: String,
    /// The file's stamp when the dataset shown was loaded: a file changed since (an editor's save the explorer
    /// has not shown yet) is not written but reloaded, so the edit is shown, never written over.
    pub loaded: Option<Stamp>,
    /// What the append does in view 6 once written.
    pub purpose: Purpose,
}

/// Why an entry is appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A drafted record accepted: its id and the figure's span.
    Accept {
        /// The record's id.
        id: String,
        /// The figure's byte range in the document.
        span: Range<usize>,
    },
    /// A figure ignored: the line to report and every figure the ignored clause covers.
    Ignore {
        /// What was appended, for the status bar.
        summary: String,
        /// The figure's byte range in the document.
        span: Range<usize>,
        /// The spans of the figures the clause accounts for.
        covered: Vec<Range<usize>>,
    },
}

/// What an append came to: the file's text and stamp after it, or why nothing was written.
pub type AppendResult = Result<(String, Option<Stamp>), String>;

/// What came of an effect, for the model (see `crate::app::finish`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// An export: the number of rows and the path written, or why not.
    Exported(usize, Result<PathBuf, String>),
    /// An append: the file's text and stamp after it, or why nothing was written.
    Appended(Box<Append>, AppendResult),
    /// Nothing was written: this file was saved by someone else since the load; the event loop loads the
    /// dataset again at once (see `crate::reload::reload_changed`).
    Changed(String),
}
