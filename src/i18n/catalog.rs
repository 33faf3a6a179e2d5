//! The string catalog: every user-visible text, Danish first, English second.

macro_rules! catalog {
    ($($key:ident => $da:expr, $en:expr;)*) => {
        /// A catalog key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key),* }

        impl T {
            /// Every key, for tests that check the catalog as a whole.
            pub const ALL: &'static [T] = &[$(T::$key),*];

            /// The Danish text.
            pub fn da(self) -> &'static str {
                match self { $(T::$key => $da),* }
            }

            /// The English text.
            pub fn en(self) -> &'static str {
                match self { $(T::$key => $en),* }
            }
        }
    };
}

catalog! {
    AppName => "Fokus", "Fokus";
    TooSmall => "Gør vinduet større (mindst {width}×{height})", "Make the window larger (at least {width}×{height})";

    // Tabs and panes
    TabReminders => "Påmindelser ({n})", "Reminders ({n})";
    TabStudents => "Elever ({n})", "Students ({n})";
    TabTimeline => "Tidslinje", "Timeline";
    TabTimelineOf => "Tidslinje: {name}", "Timeline: {name}";
    RemindersTitle => "Påmindelser – {n} i alt, {overdue} overskredet (ser {days} dage frem)", "Reminders – {n} in all, {overdue} overdue (looking {days} days ahead)";
    RemindersEmpty => "Ingen påmindelser de næste {days} dage. Tryk {key} for at se eleverne.", "No reminders for the next {days} days. Press {key} to see the students.";
    ColDate => "Dato", "Date";
    ColKind => "Hvad", "What";
    ColStudent => "Elev", "Student";
    ColReminder => "Opgave", "To do";
    StudentsTitle => "Elever – {shown} af {total}", "Students – {shown} of {total}";
    StudentsEmpty => "Ingen elever endnu. Tryk {key} for at oprette den første. Vil du se, hvordan Fokus ser ud med data, så start programmet med fokus --demo.", "No students yet. Press {key} to add the first one. To see Fokus with data, start it with fokus --demo.";
    StudentsNoMatch => "Ingen elever passer til filteret. Esc rydder det.", "No student matches the filter. Esc clears it.";
    FilterLabel => "Filter:", "Filter:";
    ColName => "Navn", "Name";
    ColProgramme => "Uddannelse", "Programme";
    ColWorkplace => "Oplæringssted", "Workplace";
    ColLevel => "Type", "Type";
    ColNext => "Næste samtale", "Next meeting";
    ColFollowUp => "Opfølgning", "Follow-up";
    ColAgreements => "Åbne aft.", "Open agr.";
    ColStatus => "Status", "Status";
    TimelineTitle => "Tidslinje (nyeste først)", "Timeline (newest first)";
    TimelineNoStudent => "Vælg en elev under Elever og tryk Enter.", "Choose a student under Students and press Enter.";
    ConversationsTitle => "Samtaler", "Conversations";
    AgreementsTitle => "Aftaler", "Agreements";
    NoConversations => "Ingen samtaler endnu.", "No conversations yet.";
    NoAgreements => "Ingen aftaler endnu.", "No agreements yet.";
    NoEvents => "Intet registreret endnu.", "Nothing recorded yet.";
    NoFocusAreas => "ingen valgt", "none chosen";
    FocusArea => "Fokusområde", "Focus area";

    // Domain words
    ProgrammeSsh => "SSH", "SSH";
    ProgrammeSsa => "SSA", "SSA";
    ProgrammeEux => "EUX Velfærd", "EUX Welfare";
    StatusActive => "Aktiv", "Active";
    StatusOnLeave => "Orlov", "On leave";
    StatusCompleted => "Gennemført", "Completed";
    StatusDroppedOut => "Frafaldet", "Dropped out";
    StatusTransferred => "Overflyttet", "Transferred";
    FocusAcademic => "Fagligt", "Academic";
    FocusLanguage => "Sprogligt", "Language";
    FocusSocial => "Socialt", "Social";
    FocusPhysical => "Fysisk", "Physical";
    FocusMental => "Psykisk", "Mental";
    FocusChallenges => "Ønsker større udfordringer", "Wants bigger challenges";
    LevelN => "Type {n}", "Type {n}";
    RoleStudent => "Elev", "Student";
    RoleSupervisor => "Oplæringsvejleder", "Supervisor";
    RoleEducationOfficer => "Uddannelsesansvarlig", "Education officer";
    RoleEmployingAuthority => "Ansættende myndighed", "Employing authority";
    RoleSchoolCounsellor => "Uddannelses-/læringsvejleder", "School counsellor";
    RoleWorkplaceManager => "Oplæringsstedets leder", "Workplace manager";
    InitiatorStudent => "Eleven", "The student";
    InitiatorSupervisor => "Vejlederen", "The supervisor";
    InitiatorOther => "Andre", "Someone else";
    OwnerStudent => "Eleven", "Student";
    OwnerWorkplace => "Oplæringsstedet", "Workplace";
    OwnerSchool => "Skolen", "School";
    OwnerEmployingAuthority => "Ansættende myndighed", "Employing authority";
    AgreementOpen => "Åben", "Open";
    AgreementMet => "Opfyldt", "Met";
    AgreementNotMet => "Ikke opfyldt", "Not met";
    StatePlanned => "Planlagt", "Planned";
    StateHeld => "Afholdt (kladde)", "Held (draft)";
    StateFinalized => "Godkendt", "Finalized";
    StateCancelled => "Aflyst", "Cancelled";
    ChoiceHeld => "Afholdt", "Held";
    NotChosen => "Ikke valgt", "Not chosen";
    RecipientParticipants => "Mødets deltagere", "The participants";
    RecipientTrainingBook => "Uddannelsesbogen (eleven uploader)", "The training book (uploaded by the student)";
    RecipientEmployingAuthority => "Ansættende myndighed (til orientering)", "Employing authority (for information)";
    RecipientSchool => "SOSU Esbjerg", "SOSU Esbjerg";
    RecipientNextWorkplace => "Kommende oplæringssted", "Next workplace";
    BySecureMail => "Sendes med sikker post.", "Sent by secure mail.";
    Optional => "evt.", "if relevant";

    // Form fields and sections
    SectionStudent => "Elev", "Student";
    SectionTraining => "Oplæring", "Training";
    SectionFocus => "Fokusområder", "Focus areas";
    SectionStatus => "Forløb", "Course";
    SectionMeeting => "Mødet", "The meeting";
    SectionParticipants => "Deltagere ([✓] = deltog)", "Participants ([✓] = attended)";
    Item1 => "1. Kort velkomst og præsentationsrunde", "1. Short welcome and introductions";
    Item2 => "2. Identificering af læringsmæssige behov", "2. Identification of learning needs";
    Item3 => "3. Handleplan med henblik på at understøtte læringsforløbet", "3. Action plan to support the learning process";
    Item4 => "4. Ny dato for samtale", "4. New date for a conversation";
    Item5 => "5. Referat og fordeling", "5. Minutes and distribution";
    Item6 => "6. Afrunding af mødet", "6. Closing of the meeting";
    FieldName => "Navn", "Name";
    FieldProgramme => "Uddannelse", "Programme";
    FieldStart => "Startdato", "Start date";
    FieldExpectedEnd => "Forventet slutdato", "Expected end date";
    FieldSchool => "Skole", "School";
    FieldWorkplace => "Oplæringssted", "Workplace";
    FieldUnit => "Afdeling/enhed", "Unit";
    FieldEmployer => "Ansættende myndighed", "Employing authority";
    FieldSupervisor => "Oplæringsvejleder", "Supervisor";
    FieldEducationOfficer => "Uddannelsesansvarlig", "Education officer";
    FieldStatus => "Status", "Status";
    FieldDate => "Dato", "Date";
    FieldTime => "Klokken", "Time";
    FieldPlace => "Sted", "Place";
    FieldInitiator => "Initiativ fra", "Initiated by";
    FieldMeetingLeader => "Mødeleder", "Meeting leader";
    FieldMinuteTaker => "Referent", "Minute-taker";
    FieldHeld => "Samtalen er", "The conversation is";
    FieldWelcome => "Referat", "Minutes";
    FieldLearningNeeds => "Formål og behov", "Purpose and needs";
    FieldWorkplaceSecures => "Oplæringsstedet sikrer", "The workplace secures";
    FieldStudentCommits => "Eleven forpligter sig til", "The student commits to";
    FieldMeasures => "Øvrige tiltag", "Other measures";
    FieldAgreements => "Aftaler", "Agreements";
    FieldFollowUp => "Opfølgende samtale d.", "Follow-up on";
    FieldNextLevel => "Næste samtale er", "Next conversation is";
    FieldNextLevelReason => "Begrundelse for typen", "Reason for the type";
    FieldNewDateNote => "Bemærkninger", "Notes";
    FieldDistributionNote => "Fordeling, bemærkninger", "Distribution notes";
    FieldClosing => "Referat", "Minutes";
    FieldAgreementText => "Aftale", "Agreement";
    FieldAgreementOwner => "Ansvarlig", "Responsible";
    FieldAgreementDue => "Frist", "Due";
    FieldAgreementStatus => "Status", "Status";
    FieldText => "Tekst", "Text";
    ErrRequired => "Skal udfyldes", "Required";
    ErrDateFormat => "Skriv datoen som dd.mm.åååå, fx 24.12.2026 (eller +7 for om en uge)", "Write the date as dd.mm.yyyy, e.g. 24.12.2026 (or +7 for a week from today)";
    ErrNoSuchDay => "Den dato findes ikke", "That date does not exist";
    ErrTimeFormat => "Skriv klokkeslættet som tt:mm, fx 09:30", "Write the time as hh:mm, e.g. 09:30";
    ErrBeforeStart => "Slutdatoen ligger før startdatoen", "The end date is before the start date";
    ErrNotAfterToday => "Vælg en dag efter i dag", "Choose a day after today";

    // Finalizing
    MissingNotHeld => "Samtalen er ikke markeret som afholdt", "The conversation is not marked as held";
    MissingParticipant => "Deltager mangler: {role}", "Participant missing: {role}";
    MissingMinuteTaker => "Referenten skal være {role}", "The minute-taker must be the {role}";
    MissingLearningNeeds => "Formål/læringsmæssige behov (punkt 2)", "Purpose/learning needs (item 2)";
    MissingWorkplaceSecures => "Handleplan: hvad oplæringsstedet sikrer", "Action plan: what the workplace secures";
    MissingStudentCommits => "Handleplan: hvad eleven forpligter sig til", "Action plan: what the student commits to";
    MissingAgreement => "Mindst én skriftlig aftale", "At least one written agreement";
    MissingFollowUp => "Dato for opfølgende samtale", "Date of the follow-up conversation";
    MissingFollowUpAfter => "Opfølgningen skal ligge efter samtalen", "The follow-up must be after the conversation";
    MissingNextLevel => "Typen af næste samtale", "The type of the next conversation";
    MissingNextLevelReason => "Begrundelse, når næste samtale ikke er type {n}", "A reason when the next conversation is not type {n}";
    MissingCount => "{n} punkter mangler før godkendelse", "{n} items missing before finalizing";
    FinalizeRefusedTitle => "Referatet kan ikke godkendes endnu", "The minutes cannot be finalized yet";
    SidebarMissing => "Mangler før godkendelse:", "Missing before finalizing:";
    SidebarReady => "✓ Klar til godkendelse", "✓ Ready to finalize";
    EarlierToReview => "Aftaler fra tidligere samtaler, der stadig står åbne: {n}. Gå til Aftaler og markér dem opfyldt eller ikke opfyldt med mellemrum.", "Agreements from earlier conversations still open: {n}. Go to Agreements and mark them met or not met with Space.";
    SidebarMinuteTaker => "Beslutningsreferatet skrives af:", "Decision minutes written by:";
    SidebarDistribution => "Referatet sendes til:", "The minutes go to:";
    MinutesLocked => "Referatet er godkendt og låst. Rettelser tilføjes som et dateret tillæg.", "The minutes are finalized and locked. Corrections are added as a dated addendum.";
    MinutesLockedShort => "Godkendt og låst. Rettelser som tillæg.", "Finalized and locked. Corrections as addenda.";
    AddendumHeading => "Tillæg {at} ({user})", "Addendum {at} ({user})";

    // Editors and dialogs
    EditorTitle => "Type {n}-samtale · {name} · {state}", "Type {n} conversation · {name} · {state}";
    NewStudentTitle => "Ny elev", "New student";
    EditStudentTitle => "Ret {name}", "Edit {name}";
    AgreementNewTitle => "Ny aftale", "New agreement";
    AgreementEditTitle => "Ret aftale", "Edit agreement";
    AgreementsEmpty => "Ingen aftaler endnu – {key} tilføjer en", "No agreements yet – {key} adds one";
    EarlierAgreement => "fra tidligere samtale", "from an earlier conversation";
    PromptEscalate => "Eskalér {name} fra type {from} til type {to}", "Escalate {name} from type {from} to type {to}";
    PromptDeescalate => "Nedjustér {name} fra type {from} til type {to}", "Lower {name} from type {from} to type {to}";
    PromptNote => "Notat om {name}", "Note about {name}";
    PromptAddendum => "Tillæg til godkendt referat", "Addendum to finalized minutes";
    PromptCancelConversation => "Aflys samtalen", "Cancel the conversation";
    PromptReason => "Begrundelse (skal udfyldes):", "Reason (required):";
    PromptNoteLabel => "Tekst:", "Text:";
    SnoozeTitle => "Udsæt påmindelsen om {name}", "Snooze the reminder about {name}";
    SnoozeDay => "1 dag", "1 day";
    SnoozeWeek => "1 uge", "1 week";
    SnoozeUntil => "Til dato:", "Until:";
    ConfirmUnsavedTitle => "Ændringer er ikke gemt", "Unsaved changes";
    ConfirmUnsaved => "Der er ændringer, som ikke er gemt.", "There are changes that are not saved.";
    AnswerSave => "Gem", "Save";
    AnswerDiscard => "Kassér ændringerne", "Discard the changes";
    AnswerBack => "Tilbage til redigering", "Back to editing";
    MessageFooter => "Enter eller Esc lukker.", "Enter or Esc closes.";
    EventTitle => "{at} – {user}", "{at} – {user}";

    // Status messages
    SaveFailed => "Ikke gemt: {error}. Det, du har skrevet, er bevaret.", "Not saved: {error}. What you typed is kept.";
    UnknownKey => "Tasten {key} gør ikke noget her. Tryk ? for hjælp.", "The key {key} does nothing here. Press ? for help.";
    SavedNewStudent => "{name} er oprettet og gemt.", "{name} is created and saved.";
    SavedStudent => "{name} er gemt.", "{name} is saved.";
    SavedConversation => "Samtalen er gemt kl. {time}.", "Conversation saved at {time}.";
    SavedFinalized => "Referatet er godkendt og låst.", "The minutes are finalized and locked.";
    SavedEscalated => "Eskaleret til type {level}. Samtalen er planlagt – tjek dato og deltagere.", "Escalated to type {level}. The conversation is planned – check the date and participants.";
    SavedDeescalated => "Nedjusteret til type {level}.", "Lowered to type {level}.";
    SavedNote => "Notatet er gemt.", "The note is saved.";
    SavedAddendum => "Tillægget er gemt.", "The addendum is saved.";
    SavedCancelled => "Samtalen er aflyst.", "The conversation is cancelled.";
    NoConversationYet => "Eleven har ingen samtaler endnu – planlæg en ny samtale.", "The student has no conversations yet – plan a new one.";
    OnlyPlannedCanBeCancelled => "Kun planlagte samtaler kan aflyses.", "Only planned conversations can be cancelled.";
    SelectConversationFirst => "Vælg en samtale i tidslinjen først.", "Select a conversation in the timeline first.";
    AddendumOnlyFinalized => "Tillæg kan kun tilføjes godkendte referater; kladder rettes direkte.", "Addenda are only for finalized minutes; drafts are edited directly.";
    AlreadyHighest => "Eleven er allerede på type 3.", "The student is already at type 3.";
    AlreadyLowest => "Eleven er allerede på type 1.", "The student is already at type 1.";
    ReminderDone => "Påmindelsen er markeret som klaret.", "The reminder is marked done.";
    ReminderSnoozed => "Påmindelsen er udsat til {date}.", "The reminder is snoozed until {date}.";
    NotAvailableHere => "Det kan ikke gøres her.", "That cannot be done here.";
    NotAvailableInEditor => "Det kan ikke gøres i redigeringen.", "That cannot be done while editing.";
    NoStudentsYet => "Der er ingen elever endnu.", "There are no students yet.";
    SelectStudentFirst => "Vælg en elev først.", "Select a student first.";
    PasteNowhere => "Indsæt i et tekstfelt.", "Paste into a text field.";
    ChooseWithSpace => "Vælg med mellemrum eller piletasterne.", "Choose with Space or the arrow keys.";
    FixFieldFirst => "Ret det markerede felt først.", "Fix the marked field first.";
    EarlierAgreementNotDeleted => "Aftaler fra tidligere samtaler slettes ikke – markér dem som opfyldt eller ikke opfyldt.", "Agreements from earlier conversations are not deleted – mark them met or not met.";
    NothingChanged => "Intet er ændret.", "Nothing changed.";
    MarkedHeld => "Samtalen er markeret som afholdt, fordi der skrives referat.", "The conversation is marked as held because minutes are being written.";
    TextRequired => "Skriv en tekst først.", "Type a text first.";

    // Reminders
    KindFollowUp => "Opfølgning", "Follow-up";
    KindConversation => "Samtale", "Meeting";
    KindAgreement => "Aftale", "Agreement";
    KindMinutes => "Referat", "Minutes";
    KindLevel => "Type hævet", "Type raised";
    KindDistribution => "Fordeling", "Distribution";
    KindRetention => "Opbevaring", "Retention";
    RemindFollowUpOverdue => "Opfølgning var aftalt til {date} – planlæg den opfølgende samtale", "Follow-up was agreed for {date} – plan the follow-up conversation";
    RemindFollowUp => "Opfølgning aftalt til {date} – ingen samtale planlagt endnu", "Follow-up agreed for {date} – no conversation planned yet";
    RemindConversationPassed => "Type {level}-samtalen {date} er ikke registreret som afholdt", "The type {level} conversation on {date} is not registered as held";
    RemindConversationToday => "Type {level}-samtale i dag kl. {time}", "Type {level} conversation today at {time}";
    RemindConversation => "Type {level}-samtale {date} kl. {time}", "Type {level} conversation on {date} at {time}";
    RemindAgreementOverdue => "Aftalens frist var {date}: {text}", "The agreement was due {date}: {text}";
    RemindAgreement => "Aftalens frist er {date}: {text}", "The agreement is due {date}: {text}";
    RemindMinutes => "Referatet fra type {level}-samtalen {held} er ikke godkendt", "The minutes of the type {level} conversation on {held} are not finalized";
    RemindDistribution => "Referatet fra type {level}-samtalen {held} er ikke sendt til alle, reglerne kræver", "The minutes of the type {level} conversation on {held} have not reached everyone the rules require";
    RemindRetention => "Afsluttet {date} – gennemgå, om oplysningerne stadig skal gemmes", "Finished {date} – review whether the data still needs to be kept";
    RemindLevel => "Hævet til type {level} {date} – ingen type {level}-samtale planlagt", "Raised to type {level} on {date} – no type {level} conversation planned";

    // Timeline events
    EvCreated => "Elev oprettet", "Student created";
    EvEdited => "Elevens oplysninger rettet", "Student details edited";
    EvWorkplace => "Oplæringssted ændret fra {from} til {to}", "Workplace changed from {from} to {to}";
    EvStatus => "Status ændret fra {from} til {to}", "Status changed from {from} to {to}";
    EvPlanned => "Type {n}-samtale planlagt til {at}", "Type {n} conversation planned for {at}";
    EvRescheduled => "Samtale flyttet til {at}", "Conversation moved to {at}";
    EvHeld => "Type {n}-samtale afholdt", "Type {n} conversation held";
    EvFinalized => "Referat af type {n}-samtale godkendt", "Minutes of type {n} conversation finalized";
    EvCancelled => "Samtale aflyst: {reason}", "Conversation cancelled: {reason}";
    EvAddendum => "Tillæg til referat: {text}", "Addendum to minutes: {text}";
    EvEscalated => "Eskaleret fra type {from} til type {to}: {reason}", "Escalated from type {from} to type {to}: {reason}";
    EvDeescalated => "Nedjusteret fra type {from} til type {to}: {reason}", "Lowered from type {from} to type {to}: {reason}";
    EvAgreementAdded => "Aftale indgået: {text}", "Agreement made: {text}";
    EvAgreementMet => "Aftale opfyldt: {text}", "Agreement met: {text}";
    EvAgreementNotMet => "Aftale ikke opfyldt: {text}", "Agreement not met: {text}";
    EvAgreementReopened => "Aftale genåbnet: {text}", "Agreement reopened: {text}";
    EvNote => "Notat: {text}", "Note: {text}";
    EvSent => "Referatet er sendt {to}", "Minutes sent {to}";
    EvUnsent => "Referatet er alligevel ikke sendt {to}", "Minutes not sent {to} after all";
    ToParticipants => "til mødets deltagere", "to the participants";
    ToTrainingBook => "til uddannelsesbogen", "to the training book";
    ToEmployingAuthority => "til ansættende myndighed", "to the employing authority";
    ToSchool => "til SOSU-skolen", "to the SOSU school";
    ToNextWorkplace => "til det kommende oplæringssted", "to the next workplace";

    // Help and key hints
    HelpTitle => "Hjælp – taster", "Help – keys";
    HelpDates => "Datoer skrives dd.mm.åååå (fx 24.12.2026), som +3 (om 3 dage) eller +2u (om 2 uger).", "Dates are written dd.mm.yyyy (e.g. 24.12.2026), as +3 (in 3 days) or +2w (in 2 weeks).";
    HelpDatabase => "Databasen ligger i {path}", "The database is in {path}";
    ContextGlobal => "Overalt", "Everywhere";
    ContextReminders => "Påmindelser", "Reminders";
    ContextStudents => "Elever", "Students";
    ContextTimeline => "Tidslinje", "Timeline";
    ContextEditor => "Redigering", "Editing";
    ActQuit => "Afslut Fokus", "Quit Fokus";
    ActHelp => "Vis eller skjul hjælpen", "Show or hide this help";
    ActNextPane => "Næste rude", "Next pane";
    ActPrevPane => "Forrige rude", "Previous pane";
    ActShowReminders => "Gå til påmindelser", "Go to reminders";
    ActShowStudents => "Gå til elever", "Go to students";
    ActShowTimeline => "Gå til tidslinjen", "Go to the timeline";
    ActUp => "Op", "Up";
    ActDown => "Ned", "Down";
    ActPageUp => "En side op", "Page up";
    ActPageDown => "En side ned", "Page down";
    ActTop => "Til toppen", "To the top";
    ActBottom => "Til bunden", "To the bottom";
    ActOpen => "Åbn", "Open";
    ActFilter => "Filtrér eleverne (skriv for at søge)", "Filter the students (type to search)";
    ActNewStudent => "Opret ny elev", "Add a new student";
    ActEditStudent => "Ret elevens oplysninger", "Edit the student's details";
    ActNewConversation => "Planlæg ny samtale", "Plan a new conversation";
    ActEditConversation => "Åbn dagsorden/referat for den aktuelle samtale", "Open the agenda/minutes of the current conversation";
    ActCancelConversation => "Aflys den valgte planlagte samtale", "Cancel the selected planned conversation";
    ActSave => "Gem", "Save";
    ActFinalize => "Godkend referatet (låser det)", "Finalize the minutes (locks them)";
    ActEscalate => "Eskalér til næste type", "Escalate to the next type";
    ActDeescalate => "Nedjustér til forrige type", "Lower to the previous type";
    ActSnooze => "Udsæt påmindelsen", "Snooze the reminder";
    ActDone => "Markér påmindelsen som klaret", "Mark the reminder done";
    ActAddAgreement => "Tilføj aftale", "Add an agreement";
    ActAddNote => "Skriv et notat i tidslinjen", "Write a note on the timeline";
    ActAddAddendum => "Tilføj tillæg til godkendt referat", "Add an addendum to finalized minutes";
    ActNextField => "Næste felt", "Next field";
    ActPrevField => "Forrige felt", "Previous field";
    ActToggle => "Sæt/fjern kryds eller skift valg", "Tick/untick or change the choice";
    ActDelete => "Slet den valgte aftale", "Delete the selected agreement";
    ActCancel => "Luk/fortryd", "Close/cancel";
    ActNone => "Ingenting", "Nothing";
    HintQuit => "afslut", "quit";
    HintHelp => "hjælp", "help";
    HintNextPane => "skift rude", "switch pane";
    HintOpen => "åbn", "open";
    HintFilter => "søg", "search";
    HintNewStudent => "ny elev", "new student";
    HintEditStudent => "ret elev", "edit student";
    HintNewConversation => "ny samtale", "new meeting";
    HintEditConversation => "referat", "minutes";
    HintSave => "gem", "save";
    HintFinalize => "godkend", "finalize";
    HintEscalate => "eskalér", "escalate";
    HintDeescalate => "nedjustér", "lower";
    HintSnooze => "udsæt", "snooze";
    HintDone => "klaret", "done";
    HintAddAgreement => "ny aftale", "new agreement";
    HintAddNote => "notat", "note";
    HintToggle => "kryds/skift", "tick/change";
    HintCancel => "luk", "close";
    HintNextField => "næste felt", "next field";
    HintAddAddendum => "tillæg", "addendum";

    // Database, keymap and configuration problems
    DbLocked => "Databasen i {path} er allerede åben i et andet Fokus-vindue ({holder}). Luk det andet vindue og prøv igen.", "The database in {path} is already open in another Fokus window ({holder}). Close the other window and try again.";
    HolderPid => "proces {pid}", "process {pid}";
    HolderPidProgram => "proces {pid}, {program}", "process {pid}, {program}";
    HolderUnknown => "ukendt proces", "unknown process";
    DbIo => "Databasemappen {path} kan ikke bruges: {error}", "The database folder {path} cannot be used: {error}";
    DbEngine => "Databasen svarede med en fejl: {error}", "The database reported an error: {error}";
    DbCodec => "En post i databasen ({tree}) kan ikke læses: {error}", "A record in the database ({tree}) cannot be read: {error}";
    DbNewer => "Databasen indeholder poster fra en nyere udgave af Fokus (format {found}; denne udgave kender format {known}). Den åbnes kun til læsning, så intet går tabt. Opdatér Fokus for at arbejde videre.", "The database holds records from a newer Fokus (format {found}; this one knows format {known}). It is opened for reading only so nothing is lost. Update Fokus to continue working.";
    DbDamaged => "Databasen er beskadiget ({detail}), og Fokus skriver ikke i den.", "The database is damaged ({detail}) and Fokus will not write to it.";
    DbRestoreHint => "Gendan den nyeste gode sikkerhedskopi i en ny mappe med: fokus restore {backup} --db NY-MAPPE", "Restore the newest good backup into a new folder with: fokus restore {backup} --db NEW-FOLDER";
    DbNoBackup => "Der findes ingen god sikkerhedskopi i databasens mappe; kør fokus check for detaljer.", "There is no good backup in the database folder; run fokus check for details.";
    DbNoMigrationBackup => "Databasen skal gemmes i et nyere format, men sikkerhedskopien forinden kunne ikke skrives ({error}). Den åbnes kun til læsning.", "The database must be rewritten in a newer format, but the backup before that could not be written ({error}). It is opened for reading only.";
    DbNoStudent => "Eleven findes ikke længere i databasen.", "The student is no longer in the database.";
    DbNotEmpty => "Databasen indeholder allerede elever; demodata lægges kun i en tom database.", "The database already holds students; demo data only goes into an empty database.";
    DemoDone => "{n} fiktive elever er lagt i databasen {path}.", "{n} fictional students were added to the database {path}.";
    RemindNone => "Ingen påmindelser de næste {days} dage.", "No reminders for the next {days} days.";
    BadLang => "Ukendt sprog \"{lang}\". Brug da eller en.", "Unknown language \"{lang}\". Use da or en.";
    TerminalFailed => "Terminalen kunne ikke bruges: {error}", "The terminal could not be used: {error}";
    KeymapErrorsTitle => "Fejl i tastaturfilen – standardtasterne bruges", "Errors in the keymap file – the default keys are used";
    ConfigErrorTitle => "Fejl i config.toml – standardindstillingerne bruges", "Error in config.toml – the default settings are used";
    KmPlaceLineKey => "{file}, linje {line}, tast {key}", "{file}, line {line}, key {key}";
    KmPlaceLine => "{file}, linje {line}", "{file}, line {line}";
    KmUnreadable => "filen kan ikke læses ({reason})", "the file cannot be read ({reason})";
    KmSyntax => "ikke gyldig TOML ({message})", "not valid TOML ({message})";
    KmMissingField => "feltet {field} mangler", "the field {field} is missing";
    KmUnknownField => "ukendt felt {field}", "unknown field {field}";
    KmWrongType => "feltet {field} har en forkert type værdi", "the field {field} holds the wrong kind of value";
    KmUnknownContext => "ukendt afsnit [{name}]; afsnittene er global, reminders, students, timeline og editor", "unknown section [{name}]; the sections are global, reminders, students, timeline and editor";
    KmUnknownAction => "ukendt handling \"{name}\"", "unknown action \"{name}\"";
    KmInvalidKey => "tasten kan ikke læses ({reason})", "the key cannot be read ({reason})";
    KmDuplicate => "tasten er bundet to gange: \"{first}\" i linje {line} og \"{second}\" her", "the key is bound twice: \"{first}\" on line {line} and \"{second}\" here";
    KmPrefix => "\"{action}\" og \"{other_action}\" ({other}) begynder med samme tast, så den ene kan aldrig bruges", "\"{action}\" and \"{other_action}\" ({other}) start with the same key, so one could never run";
    KmPrintable => "\"{action}\" kan ikke ligge på en tast, der skriver et tegn, i redigering", "\"{action}\" cannot be on a key that types a character while editing";

    // fokus check, backup and restore
    CountsLine => "Elever: {students}, samtaler: {conversations}, aftaler: {agreements}, tidslinjehændelser: {events}, markerede påmindelser: {marks}", "Students: {students}, conversations: {conversations}, agreements: {agreements}, timeline events: {events}, marked reminders: {marks}";
    CheckHeading => "Kontrol af databasen i {path}", "Checking the database in {path}";
    CheckSound => "Resultat: databasen er i orden. Alle poster kan læses, og oversigter, påmindelsesindeks og manifest stemmer med dem.", "Result: the database is sound. Every record reads, and the summaries, the reminder index and the manifest agree with them.";
    CheckUnsound => "Resultat: {n} problemer fundet.", "Result: {n} problems found.";
    FindUnreadable => "En post i {tree} kan ikke læses: {error}", "A record in {tree} cannot be read: {error}";
    FindOrphan => "En post i {tree} hører til elev {student}, som ikke findes", "A record in {tree} belongs to student {student}, who does not exist";
    FindSummary => "Oversigten over elev {student} stemmer ikke med posterne", "The summary of student {student} does not agree with the records";
    FindDue => "Påmindelsesindekset for elev {student} stemmer ikke med posterne", "The reminder index of student {student} does not agree with the records";
    FindDueStray => "{n} poster i påmindelsesindekset hører ikke til nogen elev", "{n} entries in the reminder index belong to no student";
    FindManifest => "Manifestet stemmer ikke: {detail}", "The manifest does not agree: {detail}";
    BackupDone => "Sikkerhedskopi skrevet til {path} ({n} poster).", "Backup written to {path} ({n} records).";
    RestoreDone => "Sikkerhedskopien er lagt ind i {path} ({n} poster).", "The backup is restored into {path} ({n} records).";
    BackupFailed => "Sikkerhedskopieringen lykkedes ikke: {error}", "The backup did not succeed: {error}";
    BakIo => "Filen kunne ikke læses eller skrives: {error}", "The file could not be read or written: {error}";
    BakNotABackup => "Filen er ikke en sikkerhedskopi fra Fokus.", "The file is not a Fokus backup.";
    BakChecksum => "Sikkerhedskopien er beskadiget: kontrolsummen passer ikke. Intet er lagt ind.", "The backup is damaged: its checksum does not match. Nothing was restored.";
    BakDamaged => "Sikkerhedskopien er beskadiget ({what}). Intet er lagt ind.", "The backup is damaged ({what}). Nothing was restored.";
    BakNewer => "Sikkerhedskopien er lavet af en nyere udgave af Fokus (format {version}). Opdatér Fokus.", "The backup was made by a newer Fokus (format {version}). Update Fokus.";
    BakTargetNotEmpty => "Mappen {path} er ikke tom. En sikkerhedskopi lægges kun ind i en tom eller ny mappe, så intet overskrives.", "The folder {path} is not empty. A backup is only restored into an empty or new folder, so nothing is overwritten.";
    ReadOnlyTitle => "Databasen er kun åben til læsning", "The database is open for reading only";
    ReadOnlyBanner => "KUN LÆSNING", "READ ONLY";
    QuitBackupFailed => "Sikkerhedskopien ved afslutning blev ikke skrevet: {error}", "The backup on quitting was not written: {error}";
    RecoverTitle => "Tekst, der ikke blev gemt", "Text that was not saved";
    RecoverIntro => "Fokus blev lukket, mens der stod tekst i en editor, som ikke var gemt. Den er bevaret:", "Fokus was closed while an editor held text that was not saved. It has been kept:";
    RecoverWhat => "{what} om {name}, skrevet {when} (ca. {chars} tegn).", "{what} about {name}, written {when} (about {chars} characters).";
    RecoverConversation => "Type {n}-samtale {date}", "Type {n} conversation on {date}";
    RecoverStudent => "Elevoplysninger", "Student details";
    RecoverPrompt => "Notat eller begrundelse", "Note or reason";
    RecoverRestore => "Gendan i editoren", "Restore it into the editor";
    RecoverDiscard => "Kassér teksten", "Discard the text";
    DiscardTitle => "Kassér teksten?", "Discard the text?";
    DiscardQuestion => "Teksten slettes og kan ikke hentes igen.", "The text is deleted and cannot be brought back.";
    DiscardKeep => "Nej, behold den", "No, keep it";
    DiscardYes => "Ja, kassér den", "Yes, discard it";
    RecoverChoose => "Vælg, om teksten skal gendannes eller kasseres.", "Choose whether to restore or discard the text.";
    RecoverDone => "Teksten er gendannet. Husk at gemme.", "The text is restored. Remember to save.";
    RecoverDiscarded => "Teksten er kasseret.", "The text is discarded.";
    RecoverUnreadable => "En kladde fra en tidligere session kunne ikke læses. Den er gemt som {path}.", "A draft from an earlier session could not be read. It is kept as {path}.";
    JournalFailed => "Kladden kunne ikke skrives til disken: {error}", "The draft could not be written to disk: {error}";
    PanicKept => "Fokus stødte på en fejl og måtte lukke. Det, der ikke var gemt, ligger i kladden og tilbydes, når Fokus startes igen.", "Fokus hit an error and had to close. What was not saved is kept in the draft and offered when Fokus starts again.";
    RecoverOlder => "Bemærk: samtalen er gemt igen, efter teksten blev skrevet. Teksten kan være ældre end det gemte – kontrollér den, før du gemmer.", "Note: the conversation was saved again after this text was written. The text may be older than what is saved – check it before saving.";
}
