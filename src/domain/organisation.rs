//! The address book: organisations minutes are sent to, with their secure-mail addresses.

use serde::{Deserialize, Serialize};

use super::ids::OrgId;
use super::student::Student;

/// What an organisation is to a student.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrgKind {
    /// A municipality or region employing students (ansættende myndighed).
    EmployingAuthority,
    /// The SOSU school.
    School,
    /// A training place (oplæringssted).
    Workplace,
    Other,
}

impl OrgKind {
    /// Every kind, in the order the user cycles through them.
    pub const ALL: [OrgKind; 4] = [
        OrgKind::EmployingAuthority,
        OrgKind::School,
        OrgKind::Workplace,
        OrgKind::Other,
    ];
}

/// One organisation in the address book.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    /// The secure-mail (sikker post) address; may be empty until someone fills it in.
    pub secure_mail: String,
}

/// The organisations and secure-mail addresses of the cooperation agreement, which a new
/// address book starts with.
pub const DEFAULTS: [(&str, OrgKind, &str); 9] = [
    (
        "Varde Kommune",
        OrgKind::EmployingAuthority,
        "sikkerpost@varde.dk",
    ),
    (
        "Fanø Kommune",
        OrgKind::EmployingAuthority,
        "sikkerpost@fanoe.dk",
    ),
    (
        "Vejen Kommune",
        OrgKind::EmployingAuthority,
        "sikkerpost@vejen.dk",
    ),
    (
        "Billund Kommune",
        OrgKind::EmployingAuthority,
        "voksenstoette@billund.dk",
    ),
    (
        "Esbjerg Kommune",
        OrgKind::EmployingAuthority,
        "s-o-sikkerpost@esbjerg.dk",
    ),
    (
        "Socialpsykiatrien Esbjerg",
        OrgKind::Workplace,
        "cfsadm@esbjerg.dk",
    ),
    (
        "Sydvestjysk Sygehus",
        OrgKind::EmployingAuthority,
        "SVS-HRuddannelse@rsyd.dk",
    ),
    (
        "Psykiatrien Spangsbjerg",
        OrgKind::EmployingAuthority,
        "psyk.esbjerg@rsyd.dk",
    ),
    ("SOSU Esbjerg", OrgKind::School, ""),
];

/// The default address book with ids from `next_id`.
pub fn default_book(mut next_id: impl FnMut() -> u64) -> Vec<Organisation> {
    DEFAULTS
        .iter()
        .map(|(name, kind, mail)| Organisation {
            id: OrgId(next_id()),
            name: (*name).into(),
            kind: *kind,
            secure_mail: (*mail).into(),
        })
        .collect()
}

/// Whether `mail` looks like an e-mail address (something@something.tld); empty is allowed.
/// Names from the address book for a field of `kind` as the user types `typed`: names
/// starting with it first, then names containing it, alphabetically within each; never the
/// name already typed in full. At most `limit`.
pub fn suggestions<'a>(
    book: &'a [Organisation],
    kind: OrgKind,
    typed: &str,
    limit: usize,
) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, String, &str)> = book
        .iter()
        .filter(|o| o.kind == kind)
        .filter_map(|o| {
            let name = o.name.to_lowercase();
            (name.contains(&typed) && name != typed)
                .then(|| (!name.starts_with(&typed), name, o.name.as_str()))
        })
        .collect();
    found.sort();
    found.into_iter().take(limit).map(|(_, _, n)| n).collect()
}

pub fn plausible_mail(mail: &str) -> bool {
    let mail = mail.trim();
    if mail.is_empty() {
        return true;
    }
    let Some((user, domain)) = mail.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !mail.chars().any(char::is_whitespace)
}

/// Finds the organisation a student's record points to: by id when it has one, else by a
/// name written the same way (case and surrounding spaces aside).
pub fn resolve<'a>(
    book: &'a [Organisation],
    id: Option<OrgId>,
    name: &str,
) -> Option<&'a Organisation> {
    if let Some(id) = id
        && let Some(org) = book.iter().find(|o| o.id == id)
    {
        return Some(org);
    }
    let wanted = name.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    book.iter().find(|o| o.name.trim().to_lowercase() == wanted)
}

/// The address-book entry a student's field typed as `name` points to: the one it pointed
/// to before while the text is unchanged (so renaming an organisation in the book keeps
/// its students), else the organisation of that name.
pub fn link(
    book: &[Organisation],
    name: &str,
    before: Option<(Option<OrgId>, &str)>,
) -> Option<OrgId> {
    if let Some((Some(id), old)) = before
        && old.trim() == name.trim()
        && book.iter().any(|o| o.id == id)
    {
        return Some(id);
    }
    resolve(book, None, name).map(|o| o.id)
}

/// Points a student's employing authority, school and workplace into the address book,
/// keeping a link the user chose while the name it was chosen for is unchanged.
pub fn link_student(book: &[Organisation], s: &mut Student, before: Option<&Student>) {
    s.employer_org = link(
        book,
        &s.employer,
        before.map(|b| (b.employer_org, b.employer.as_str())),
    );
    s.school_org = link(
        book,
        &s.school,
        before.map(|b| (b.school_org, b.school.as_str())),
    );
    s.workplace_org = link(
        book,
        &s.workplace,
        before.map(|b| (b.workplace_org, b.workplace.as_str())),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_suggested_by_kind_beginning_first_and_never_the_one_typed_in_full() {
        let mut n = 0;
        let book = default_book(|| {
            n += 1;
            n
        });
        // Beginning with "v" first, then containing it.
        assert_eq!(
            suggestions(&book, OrgKind::EmployingAuthority, "v", 5),
            vec!["Varde Kommune", "Vejen Kommune", "Sydvestjysk Sygehus"]
        );
        // "ko" is inside every municipality: all of them, alphabetically.
        let inside = suggestions(&book, OrgKind::EmployingAuthority, "kommune", 10);
        assert!(inside.contains(&"Billund Kommune") && inside.contains(&"Esbjerg Kommune"));
        assert!(!inside.iter().any(|n| n.contains("Sygehus")), "{inside:?}");
        assert_eq!(
            suggestions(&book, OrgKind::EmployingAuthority, "vejen kommune", 5),
            Vec::<&str>::new()
        );
        assert_eq!(
            suggestions(&book, OrgKind::School, "", 5),
            Vec::<&str>::new()
        );
        assert_eq!(
            suggestions(&book, OrgKind::EmployingAuthority, "a", 2).len(),
            2
        );
    }

    fn book() -> Vec<Organisation> {
        let mut n = 0;
        default_book(|| {
            n += 1;
            n
        })
    }

    #[test]
    fn the_address_book_starts_with_the_agreements_secure_mail_addresses() {
        let b = book();
        let varde = b.iter().find(|o| o.name == "Varde Kommune").unwrap();
        assert_eq!(varde.secure_mail, "sikkerpost@varde.dk");
        assert_eq!(varde.kind, OrgKind::EmployingAuthority);
        let svs = b.iter().find(|o| o.name == "Sydvestjysk Sygehus").unwrap();
        assert_eq!(svs.secure_mail, "SVS-HRuddannelse@rsyd.dk");
        assert!(b.iter().all(|o| plausible_mail(&o.secure_mail)));
    }

    #[test]
    fn a_student_points_to_an_organisation_by_id_or_by_its_name() {
        let b = book();
        let fano = b.iter().find(|o| o.name == "Fanø Kommune").unwrap().id;
        assert_eq!(resolve(&b, Some(fano), "noget andet").unwrap().id, fano);
        assert_eq!(resolve(&b, None, "  fanø kommune ").unwrap().id, fano);
        assert!(resolve(&b, None, "Aabenraa Kommune").is_none());
        assert!(resolve(&b, Some(OrgId(999)), "").is_none());
    }

    #[test]
    fn mail_addresses_are_checked_loosely() {
        assert!(plausible_mail("sikkerpost@varde.dk"));
        assert!(plausible_mail(""));
        assert!(!plausible_mail("sikkerpost varde.dk"));
        assert!(!plausible_mail("a@b"));
        assert!(!plausible_mail("@varde.dk"));
        assert!(!plausible_mail("a b@varde.dk"));
    }

    #[test]
    fn a_student_keeps_pointing_to_a_renamed_organisation_until_the_text_is_changed() {
        let mut b = book();
        let esbjerg = b.iter().find(|o| o.name == "Esbjerg Kommune").unwrap().id;
        assert_eq!(link(&b, "esbjerg kommune", None), Some(esbjerg));
        b.iter_mut().find(|o| o.id == esbjerg).unwrap().name = "Esbjerg Kommune, HR".into();
        let before = Some((Some(esbjerg), "Esbjerg Kommune"));
        assert_eq!(link(&b, "Esbjerg Kommune", before), Some(esbjerg));
        assert_eq!(
            link(&b, "Varde Kommune", before),
            b.iter().find(|o| o.name == "Varde Kommune").map(|o| o.id)
        );
        assert_eq!(link(&b, "Ukendt Kommune", before), None);
    }
}
