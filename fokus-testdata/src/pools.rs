//! The people, places and sentences the stories draw from.

use fokus::domain::{AgreementOwner, FocusKind};

/// A workplace in the region, who employs its students and its units.
#[derive(Clone, Copy)]
pub(crate) struct Workplace {
    pub(crate) name: &'static str,
    pub(crate) employer: &'static str,
    pub(crate) units: &'static [&'static str],
}

pub(crate) const WORKPLACES: &[Workplace] = &[
    Workplace {
        name: "Plejecenter Kastanjehaven",
        employer: "Esbjerg Kommune",
        units: &["Afsnit A", "Afsnit B", "Demensafsnittet"],
    },
    Workplace {
        name: "Plejecenter Sønderbo",
        employer: "Esbjerg Kommune",
        units: &["Stuen", "1. sal", "Skærmet enhed"],
    },
    Workplace {
        name: "Hjemmeplejen Esbjerg Øst",
        employer: "Esbjerg Kommune",
        units: &["Team 1", "Team 2", "Aftenteamet"],
    },
    Workplace {
        name: "Hjemmesygeplejen Ribe",
        employer: "Esbjerg Kommune",
        units: &["Dagholdet", "Sårklinikken"],
    },
    Workplace {
        name: "Rehabiliteringscenter Strandbo",
        employer: "Esbjerg Kommune",
        units: &["Midlertidige pladser", "Genoptræning"],
    },
    Workplace {
        name: "Socialpsykiatrien Esbjerg",
        employer: "Esbjerg Kommune",
        units: &["Botilbud Vestergade", "Bostøtten"],
    },
    Workplace {
        name: "Hjemmeplejen Varde Nord",
        employer: "Varde Kommune",
        units: &["Gruppe 1", "Gruppe 3"],
    },
    Workplace {
        name: "Plejecentret Åhaven",
        employer: "Varde Kommune",
        units: &["Bo-enhed Øst", "Bo-enhed Vest"],
    },
    Workplace {
        name: "Fanø Plejecenter",
        employer: "Fanø Kommune",
        units: &["Stuen", "Nordby"],
    },
    Workplace {
        name: "Billund Hjemmepleje",
        employer: "Billund Kommune",
        units: &["Team Grindsted", "Team Billund"],
    },
    Workplace {
        name: "Vejen Sundhedscenter",
        employer: "Vejen Kommune",
        units: &["Rehabilitering", "Akutteamet"],
    },
    Workplace {
        name: "Plejecenter Elmely",
        employer: "Vejen Kommune",
        units: &["Afdeling Øst", "Afdeling Syd"],
    },
    Workplace {
        name: "Sydvestjysk Sygehus",
        employer: "Region Syddanmark",
        units: &[
            "Medicinsk afdeling M2",
            "Ortopædkirurgisk afdeling",
            "Akutmodtagelsen",
            "Geriatrisk afsnit",
        ],
    },
    Workplace {
        name: "Psykiatrien Esbjerg",
        employer: "Region Syddanmark",
        units: &["Afsnit S2", "Afsnit S4", "Distriktspsykiatrien"],
    },
];

pub(crate) const OFFICERS: &[(&str, &str)] = &[
    ("Hanne Krogh", "hkrogh"),
    ("Per Winther", "pwinther"),
    ("Rikke Dam", "rdam"),
    ("Ole Frost", "ofrost"),
    ("Søren Bøgh", "sbogh"),
    ("Lærke Østergaard", "lostergaard"),
    ("Åse Kjærgaard", "akjaergaard"),
];

pub(crate) const FIRST_NAMES: &[&str] = &[
    "Anna", "Sofie", "Freja", "Ida", "Emma", "Clara", "Laura", "Maja", "Ella", "Karla", "Josefine",
    "Mathilde", "Signe", "Cecilie", "Nanna", "Lærke", "Astrid", "Liv", "Thea", "Sølvi", "Åse",
    "Bodil", "Dorthe", "Mette", "Camilla", "Fatima", "Amina", "Zainab", "Sara", "Rikke", "Gry",
    "Trine", "Mikkel", "Jonas", "Noah", "William", "Oliver", "Emil", "Magnus", "Frederik", "Mads",
    "Søren", "Bjørn", "Jørgen", "Kåre", "Børge", "Rasmus", "Tobias", "Aske", "Villads", "Kasper",
    "Anders", "Niels", "Ahmad", "Yusuf", "Omar", "Ali", "Mohammed", "Tenzin", "Minh",
];

pub(crate) const SURNAMES: &[&str] = &[
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Møller",
    "Mortensen",
    "Østergaard",
    "Kjærgaard",
    "Frølund",
    "Lykkegaard",
    "Bækgaard",
    "Nørgaard",
    "Søndergaard",
    "Ærenlund",
    "Mølgaard",
    "Ågesen",
    "Bøgh",
    "Kræmer",
    "Holm",
    "Bach",
    "Lund",
    "Juhl",
    "Munk",
    "Friis",
    "Vestergaard",
    "Overgaard",
    "Thygesen",
    "Hassan",
    "Yilmaz",
    "Nguyen",
    "Ahmadi",
    "Karimi",
    "Demir",
    "Kowalski",
];

pub(crate) fn focus_notes(kind: FocusKind) -> &'static [&'static str] {
    match kind {
        FocusKind::Academic => &[
            "Medicinhåndtering og farmakologi",
            "Sygdomslære og observationer",
            "Dokumentation af vitale værdier",
            "Psykiatrisk sygdomslære",
        ],
        FocusKind::Language => &[
            "Fagsprog i den skriftlige dokumentation",
            "Mundtlig overlevering til kolleger",
            "Dansk som andetsprog",
        ],
        FocusKind::Social => &[
            "Samarbejde i teamet",
            "Mødestabilitet og fremmøde",
            "Kontakt med borgere og pårørende",
        ],
        FocusKind::Physical => &[
            "Rygproblemer ved forflytning",
            "Genoptræning efter knæskade",
            "Træthed på lange vagter",
        ],
        FocusKind::Mental => &[
            "Stress og søvn",
            "Angst ved alenearbejde",
            "Grænsesætning over for borgere",
        ],
        FocusKind::BiggerChallenges => &[
            "Ønsker mere ansvar for borgerforløb",
            "Vil gerne prøve aftenvagter og koordinering",
        ],
    }
}

pub(crate) fn focus_needs(kind: FocusKind) -> &'static [&'static str] {
    match kind {
        FocusKind::Academic => &[
            "Eleven er usikker på medicinhåndtering og beder sjældent om hjælp.",
            "Eleven har svært ved at koble sygdomslæren fra skolen til borgerne på stedet.",
            "Observationer af vitale værdier bliver ikke altid fulgt op eller dokumenteret.",
        ],
        FocusKind::Language => &[
            "Eleven har svært ved fagsproget i dokumentationen og undgår at skrive journalnotater.",
            "Den mundtlige overlevering til kolleger er kort og mangler de vigtige observationer.",
            "Eleven forstår instrukserne, men har brug for tid til at læse dem igennem.",
        ],
        FocusKind::Social => &[
            "Eleven har flere sene fremmøder og giver ikke altid besked.",
            "Samarbejdet i teamet er anstrengt; eleven trækker sig i fælles opgaver.",
            "Eleven er usikker i kontakten med pårørende.",
        ],
        FocusKind::Physical => &[
            "Eleven har ondt i ryggen efter forflytninger og mangler teknik med hjælpemidler.",
            "Eleven er træt efter lange vagter og har brug for en plan for pauser.",
        ],
        FocusKind::Mental => &[
            "Eleven fortæller om stress og dårlig søvn i perioder med mange vagter.",
            "Eleven bliver urolig ved alenearbejde og ringer ofte til kolleger.",
            "Eleven har svært ved at sætte grænser over for borgere.",
        ],
        FocusKind::BiggerChallenges => &[
            "Eleven efterspørger større læringsmæssige udfordringer og mere ansvar.",
            "Eleven er fagligt stærk og vil gerne koordinere et borgerforløb.",
        ],
    }
}

pub(crate) const SEVERE_NEEDS: &[&str] = &[
    "Fokusområderne er fortsat til stede; der er ikke sket den forventede progression.",
    "Drøftelse med ansættende myndighed af elevens læring og trivsel. Eleven ønsker at gennemføre.",
    "Manglende læringsmæssig progression af svær karakter; praktikmålene er i fare.",
];

pub(crate) const WELCOMES: &[&str] = &[
    "Præsentationsrunde. Eleven fortalte kort om forløbet indtil nu.",
    "Kort velkomst. Alle parter kender hinanden fra sidste samtale.",
    "Velkomst og præsentation. Formålet med samtalen blev gennemgået.",
];

pub(crate) const WORKPLACE_SECURES: &[&str] = &[
    "Vejlederen gennemgår to journalnotater om ugen med eleven og afsætter 30 minutter til det.",
    "Oplæringsstedet sikrer fast vejleder på alle dagvagter i den kommende periode.",
    "Eleven får ansvar for to borgeres forløb under supervision.",
    "Ugentlig statussamtale med vejleder om fredagen.",
    "Eleven følger en erfaren kollega på aftenvagter to gange om ugen.",
    "Oplæringsstedet planlægger vagterne, så eleven ikke arbejder alene.",
];

pub(crate) const STUDENT_COMMITS: &[&str] = &[
    "Eleven skriver mindst ét journalnotat pr. vagt og bruger ordlisten fra skolen.",
    "Eleven forbereder sig til hver vagt med en skriftlig plan.",
    "Eleven giver besked til vejleder ved sygdom inden kl. 7.",
    "Eleven fører logbog over læringsmål og tager den med til samtalerne.",
    "Eleven øver mundtlig overlevering på personalemødet.",
    "Eleven tager selv kontakt til vejleder, når noget er svært.",
];

pub(crate) const CLOSINGS: &[&str] = &[
    "Mødet afrundet. Alle parter er enige om planen.",
    "Eleven er tilfreds med aftalerne. Mødet sluttede til tiden.",
    "Mødet afsluttet; referatet sendes ud inden for en uge.",
];

pub(crate) const NEW_DATE_NOTES: &[&str] = &[
    "Samme mødelokale som i dag.",
    "Samtalen holdes på skolen.",
    "Elevkonsulenten deltager, hvis det kan nås.",
];

pub(crate) const DISTRIBUTION_NOTES: &[&str] = &[
    "Referatet sendes også til det kommende oplæringssted.",
    "Eleven uploader referatet til uddannelsesbogen samme dag.",
];

pub(crate) fn agreement_texts(owner: AgreementOwner) -> &'static [&'static str] {
    match owner {
        AgreementOwner::Student => &[
            "Eleven skriver ét journalnotat pr. vagt",
            "Eleven læser op på farmakologi inden næste samtale",
            "Eleven giver besked ved sygdom inden kl. 7",
            "Eleven fører logbog over læringsmål",
            "Eleven fremlægger et borgerforløb på personalemødet",
        ],
        AgreementOwner::Workplace => &[
            "Vejleder afsætter 30 min. om fredagen til gennemgang",
            "Fast vejleder på alle dagvagter",
            "Ugentlig statussamtale med vejleder",
            "Eleven følger en erfaren kollega på aftenvagt",
        ],
        AgreementOwner::School => &[
            "Skolen tilbyder ekstra undervisning i farmakologi",
            "Ansøgning om SPS-støtte sendes",
            "Læringsvejleder kontakter eleven",
        ],
        AgreementOwner::EmployingAuthority => &[
            "Mentorordning etableres",
            "Forlængelse af oplæringsperioden vurderes",
            "Elevkonsulent deltager i næste samtale",
        ],
    }
}

pub(crate) const ESCALATION_REASONS: &[&str] = &[
    "Fokusområderne er fortsat til stede ved opfølgningen",
    "Ingen progression efter type 1-samtalen",
    "Gentagne fravær trods aftalerne",
    "Eleven har selv bedt om en samtale med ansættende myndighed",
    "Læringsmæssige udfordringer af svær karakter",
];

pub(crate) const DEESCALATION_REASONS: &[&str] = &[
    "God progression; fokusområderne kan følges op i en lettere samtale",
    "Aftalerne er overholdt, og eleven trives",
];

pub(crate) const CANCEL_REASONS: &[&str] = &[
    "Ansættende myndighed kunne ikke deltage",
    "Eleven var syg",
    "Vejleder på kursus",
];

pub(crate) const NOTES: &[&str] = &[
    "Eleven har været syg i tre dage.",
    "Telefonsamtale med vejleder om fremmøde.",
    "Eleven ringede og bad om at rykke samtalen.",
    "Mail fra skolen om ekstra undervisning.",
    "Vejleder fortæller om god udvikling i dokumentationen.",
    "Eleven har haft fri to dage efter aftale med leder.",
    "Kort snak med eleven på gangen; alt går efter planen.",
    "Pårørende har rost eleven over for lederen.",
];

pub(crate) const LONG_SENTENCES: &[&str] = &[
    "Eleven fortalte, at de første uger på afsnittet har været travle, men lærerige.",
    "Vejlederen oplever, at eleven møder forberedt og tager ansvar for egne opgaver.",
    "Der er fortsat udfordringer med den skriftlige dokumentation efter morgenplejen.",
    "Vi talte om, hvordan eleven kan bruge ordlisten fra skolen i journalnotaterne.",
    "Eleven har selv taget initiativ til at følge sygeplejersken på medicinrunden.",
    "Kollegerne beskriver eleven som rolig og god i kontakten med borgerne.",
    "Ved overleveringen mangler der stadig observationer af væske og ernæring.",
    "Eleven er blevet bedre til at spørge, når en instruks er uklar.",
    "Vi aftalte, at vejlederen gennemgår to notater om ugen sammen med eleven.",
    "Eleven har haft fravær i to perioder og har ikke altid givet besked i tide.",
    "Lederen understreger, at oplæringsstedet gerne vil hjælpe eleven til at gennemføre.",
    "Eleven ønsker flere vagter sammen med den faste vejleder i dagtimerne.",
    "Forflytning med lift går nu sikkert, og eleven vejleder selv nye kolleger.",
    "Vi gennemgik praktikmålene ét for ét og markerede dem, der er nået.",
    "Eleven beskrev en svær situation med en pårørende og hvordan den blev løst.",
    "Næste periode skal bruges på at arbejde mere selvstændigt med borgerforløb.",
    "Skolen tilbyder ekstra undervisning i farmakologi to eftermiddage om måneden.",
    "Eleven fortæller om stress i perioder med mange skiftende vagter.",
    "Vejlederen har lagt en plan, så eleven ikke arbejder alene de første uger.",
    "Alle parter er enige om, at udviklingen går den rigtige vej.",
];
