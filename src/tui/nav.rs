//! The jump history: where the user has been, for Ctrl-o (back) and Ctrl-i (forward), like an editor's.

use super::vocab::ViewKind;

/// A place in the browse screen: a view, the group shown and the indicator selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrowseLoc {
    /// The view.
    pub view: ViewKind,
    /// Key of the selected group (see [`zhibiao::query::Group::key`]).
    pub group: Option<i64>,
    /// Index of the selected indicator.
    pub indicator: Option<usize>,
}

/// A place the user can jump back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// The browse screen.
    Browse(BrowseLoc),
    /// The source view of an indicator's document, with that indicator's quote current.
    Source {
        /// Index of the indicator whose quote is current.
        indicator: usize,
        /// Where Esc returns to.
        back: BrowseLoc,
    },
}

/// Back and forward stacks of locations.
#[derive(Debug, Clone, Default)]
pub struct History {
    back: Vec<Location>,
    forward: Vec<Location>,
}

impl History {
    /// Most locations remembered in each direction.
    const DEPTH: usize = 100;

    /// Records a jump away from `from`: it goes on the back stack and the forward stack is dropped.
    pub fn jump(&mut self, from: Location) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > Self::DEPTH {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Steps back from `current`, returning where to go, if anywhere.
    pub fn back(&mut self, current: Location) -> Option<Location> {
        let to = self.back.pop()?;
        self.forward.push(current);
        Some(to)
    }

    /// Steps forward from `current`, returning where to go, if anywhere.
    pub fn forward(&mut self, current: Location) -> Option<Location> {
        let to = self.forward.pop()?;
        self.back.push(current);
        Some(to)
    }

    /// Number of locations behind and ahead.
    #[cfg(test)]
    pub fn depth(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(i: usize) -> Location {
        Location::Browse(BrowseLoc { view: ViewKind::All, group: None, indicator: Some(i) })
    }

    #[test]
    fn back_and_forward_retrace_jumps_and_a_new_jump_drops_forward() {
        let mut h = History::default();
        h.jump(at(0));
        h.jump(at(1));
        assert_eq!(h.back(at(2)), Some(at(1)));
        assert_eq!(h.back(at(1)), Some(at(0)));
        assert_eq!(h.back(at(0)), None);
        assert_eq!(h.forward(at(0)), Some(at(1)));
        h.jump(at(1));
        assert_eq!(h.forward(at(5)), None);
        assert_eq!(h.depth(), (2, 0));
    }
}
