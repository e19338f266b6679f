//! The jump history: where the user has been, for Ctrl-o (back) and Ctrl-i (forward), like an editor's. A jump
//! that had to change the filters (Enter on a quote whose indicator the filters hid) remembers the filters it
//! replaced, so going back restores them and going forward again replaces them again.

use zhibiao_core::ids::IndicatorId;
use zhibiao_core::query::GroupKey;

use crate::filters::Filters;
use crate::vocab::ViewKind;

/// A place in the browse screen: a view, the group shown and the indicator selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrowseLoc {
    /// The view.
    pub view: ViewKind,
    /// Key of the selected group (see [`zhibiao_core::query::Group::key`]).
    pub group: Option<GroupKey>,
    /// The selected indicator.
    pub indicator: Option<IndicatorId>,
}

/// A place the user can jump back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// The browse screen.
    Browse(BrowseLoc),
    /// The source view of an indicator's document, with that indicator's quote current.
    Source {
        /// The indicator whose quote is current.
        indicator: IndicatorId,
        /// Where Esc returns to.
        back: BrowseLoc,
    },
}

/// A remembered location, with the filters to restore there when the jump away from it changed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    /// Where.
    pub loc: Location,
    /// The filters in force there, when they must be restored.
    pub filters: Option<Filters>,
}

/// Back and forward stacks of locations.
#[derive(Debug, Clone, Default)]
pub struct History {
    back: Vec<Stop>,
    forward: Vec<Stop>,
}

impl History {
    /// Most locations remembered in each direction.
    const DEPTH: usize = 100;

    /// Records a jump away from `from` (whose filters the jump replaced, if it did): it goes on the back stack
    /// and the forward stack is dropped.
    pub fn jump(&mut self, from: Location, filters: Option<Filters>) {
        let stop = Stop { loc: from, filters };
        if self.back.last() != Some(&stop) {
            self.back.push(stop);
        }
        if self.back.len() > Self::DEPTH {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Steps back from `current` (with the filters in force now), returning where to go, if anywhere. When the
    /// stop restores filters, the current ones are remembered for the way forward.
    pub fn back(&mut self, current: Location, filters: &Filters) -> Option<Stop> {
        let to = self.back.pop()?;
        self.forward.push(Stop { loc: current, filters: to.filters.as_ref().map(|_| filters.clone()) });
        Some(to)
    }

    /// Steps forward from `current`, returning where to go, if anywhere (see [`History::back`]).
    pub fn forward(&mut self, current: Location, filters: &Filters) -> Option<Stop> {
        let to = self.forward.pop()?;
        self.back.push(Stop { loc: current, filters: to.filters.as_ref().map(|_| filters.clone()) });
        Some(to)
    }

    /// Carries the history over to another dataset: each stop's location through `loc` (a stop it drops is
    /// forgotten) and its filters through `filters`.
    pub fn remap(&mut self, loc: impl Fn(Location) -> Option<Location>, filters: impl Fn(&mut Filters)) {
        for stops in [&mut self.back, &mut self.forward] {
            stops.retain_mut(|s| match loc(s.loc) {
                Some(l) => {
                    s.loc = l;
                    if let Some(f) = s.filters.as_mut() {
                        filters(f);
                    }
                    true
                }
                None => false,
            });
        }
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
        Location::Browse(BrowseLoc { view: ViewKind::All, group: None, indicator: Some(IndicatorId::new(i)) })
    }

    #[test]
    fn back_and_forward_retrace_jumps_and_a_new_jump_drops_forward() {
        let mut h = History::default();
        let f = Filters::default();
        let loc = |s: Option<Stop>| s.map(|s| s.loc);
        h.jump(at(0), None);
        h.jump(at(1), None);
        assert_eq!(loc(h.back(at(2), &f)), Some(at(1)));
        assert_eq!(loc(h.back(at(1), &f)), Some(at(0)));
        assert_eq!(loc(h.back(at(0), &f)), None);
        assert_eq!(loc(h.forward(at(0), &f)), Some(at(1)));
        h.jump(at(1), None);
        assert_eq!(loc(h.forward(at(5), &f)), None);
        assert_eq!(h.depth(), (2, 0));
    }

    #[test]
    fn a_jump_that_replaced_filters_gives_them_back_and_forward_replaces_them_again() {
        let mut h = History::default();
        let set = Filters { text: "5g".to_string(), ..Filters::default() };
        let none = Filters::default();
        h.jump(at(0), Some(set.clone()));
        let back = h.back(at(1), &none).expect("a stop behind");
        assert_eq!(back.filters.as_ref(), Some(&set));
        let fwd = h.forward(at(0), &set).expect("a stop ahead");
        assert_eq!((fwd.loc, fwd.filters), (at(1), Some(none)));
        // An ordinary jump restores no filters.
        h.jump(at(1), None);
        assert_eq!(h.back(at(2), &set).and_then(|s| s.filters), None);
    }
}
