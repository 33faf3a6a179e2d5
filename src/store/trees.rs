//! The names of the trees that hold records. Their names are on disk (sled's trees, the
//! manifest's counts, backups name them by position), so they never change; a new tree is
//! added at the end.

use std::fmt;

/// A tree holding records. The meta tree (the format marker and the commit sequence) is
/// not one: it holds no records and is not counted in the manifest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TreeName {
    Students,
    Conversations,
    Agreements,
    Events,
    Summaries,
    Due,
    DueKeys,
    Marks,
    Organisations,
    Receipts,
    /// The register of files written outside the database folder.
    Files,
    /// Per student, the digest the management figures are made from.
    Facts,
}

impl TreeName {
    /// Every data tree, in a fixed order: a tree's position is its id in backups.
    pub const ALL: [TreeName; 12] = [
        TreeName::Students,
        TreeName::Conversations,
        TreeName::Agreements,
        TreeName::Events,
        TreeName::Summaries,
        TreeName::Due,
        TreeName::DueKeys,
        TreeName::Marks,
        TreeName::Organisations,
        TreeName::Receipts,
        TreeName::Files,
        TreeName::Facts,
    ];

    /// The name the tree has on disk.
    pub fn name(self) -> &'static str {
        match self {
            TreeName::Students => "students",
            TreeName::Conversations => "conversations",
            TreeName::Agreements => "agreements",
            TreeName::Events => "events",
            TreeName::Summaries => "summaries",
            TreeName::Due => "due",
            TreeName::DueKeys => "due_keys",
            TreeName::Marks => "marks",
            TreeName::Organisations => "organisations",
            TreeName::Receipts => "receipts",
            TreeName::Files => "files",
            TreeName::Facts => "facts",
        }
    }

    /// The tree named `name` on disk, if it is a data tree.
    pub fn from_name(name: &str) -> Option<TreeName> {
        TreeName::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Its position in [`TreeName::ALL`]: its id in backups.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tree at `index` in [`TreeName::ALL`].
    pub fn at(index: usize) -> Option<TreeName> {
        TreeName::ALL.get(index).copied()
    }

    /// Whether its records are made from the others (the summaries and the due index)
    /// rather than entered: they are rebuilt, never migrated or restored one by one.
    pub fn is_derived(self) -> bool {
        matches!(
            self,
            TreeName::Summaries | TreeName::Due | TreeName::DueKeys | TreeName::Facts
        )
    }
}

impl fmt::Display for TreeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trees_keep_their_names_and_order_on_disk() {
        let names = TreeName::ALL.map(TreeName::name);
        assert_eq!(
            names,
            [
                "students",
                "conversations",
                "agreements",
                "events",
                "summaries",
                "due",
                "due_keys",
                "marks",
                "organisations",
                "receipts",
                "files",
                "facts",
            ]
        );
        for (i, tree) in TreeName::ALL.into_iter().enumerate() {
            assert_eq!(tree.index(), i);
            assert_eq!(TreeName::at(i), Some(tree));
            assert_eq!(TreeName::from_name(tree.name()), Some(tree));
        }
        assert_eq!(TreeName::at(TreeName::ALL.len()), None);
        assert_eq!(TreeName::from_name("meta"), None);
        assert_eq!(TreeName::from_name("cases"), None);
    }
}
