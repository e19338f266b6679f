//! What the user can ask for ([`Action`]) and what the event loop must do in return ([`Effect`]).

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

/// A side effect for the event loop to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Load the dataset again now: `changed`, the file a write was about to go to, was saved by someone else
    /// since the load, so nothing was written (the edit is shown first, never written over).
    Reload { changed: String },
}
