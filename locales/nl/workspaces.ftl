# Navigatie.
nav-workspaces = Werkruimtes
nav-direct = Persoonlijke berichten
nav-directory = Ledengids

# Startpagina.
home-workspaces-heading = Uw werkruimtes
home-new-workspace = Een werkruimte aanmaken
home-others-heading = Andere werkruimtes die u kunt zien
home-invitations-heading = Uitnodigingen voor { $organisation }
home-direct-heading = Persoonlijke berichten
home-direct-none = U hebt nog geen persoonlijke gesprekken.
home-all-direct = Alle persoonlijke berichten
home-find-colleague = Zoek een collega in de ledengids
home-search-label = Berichten zoeken
home-search-field = Zoeken in uw berichten
home-search-submit = Zoeken
unread-count-badge = { $count ->
    [one] { $count } ongelezen bericht
   *[other] { $count } ongelezen berichten
}
mention-count-badge = { $count ->
    [one] { $count } keer vermeld
   *[other] { $count } keer vermeld
}
participation-accept = Uitnodiging voor { $workspace } aanvaarden
participation-decline = Uitnodiging voor { $workspace } weigeren
participation-from = Uitgenodigd door { $organisation }
participation-details = Meer over { $workspace }

# Vaste waarden.
workspace-kind-twinning = Stedenband
workspace-kind-working-group = Werkgroep
workspace-kind-network = Netwerk
workspace-kind-experiment = Proefproject
visibility-invite-only = Alleen op uitnodiging
visibility-discoverable = Vindbaar
visibility-invite-only-hint = Alleen de organisaties die u uitnodigt, weten dat deze werkruimte bestaat.
visibility-discoverable-hint = Iedereen in het netwerk ziet de naam, de beschrijving en de organisaties; alleen leden lezen de gesprekken.
workspace-role-owner = Eigenaar
workspace-role-moderator = Moderator
workspace-role-member = Lid
workspace-role-observer = Waarnemer (leest alleen)
participation-invited = Uitgenodigd
participation-active = Neemt deel
participation-declined = Geweigerd
participation-left = Vertrokken

# Bevestigingen.
notice-workspace-created = De werkruimte is aangemaakt.
notice-workspace-saved = De instellingen zijn opgeslagen.
notice-organisation-invited = De organisatie is uitgenodigd. Ze neemt deel zodra een van haar beheerders aanvaardt.
notice-participation-accepted = Uw organisatie neemt nu deel aan de werkruimte.
notice-participation-declined = De uitnodiging is geweigerd.
notice-member-added = De persoon is aan de werkruimte toegevoegd.
notice-member-role-changed = De rol is gewijzigd.
notice-member-removed = De persoon is uit de werkruimte verwijderd.
notice-workspace-left = U hebt de werkruimte verlaten.
notice-workspace-channel-created = Het kanaal is aangemaakt.
notice-workspace-channel-saved = Het kanaal is opgeslagen.

# Een werkruimte aanmaken.
workspace-new-title = Nieuwe werkruimte
workspace-new-intro = Een werkruimte brengt organisaties samen: een stedenband, een werkgroep, een netwerk of een experiment. Zodra ze bestaat, kunt u andere organisaties uitnodigen.
field-workspace-owner = Organisatie die eigenaar is van de werkruimte
field-workspace-owner-hint = Als netwerkbeheerder mag u een werkruimte aanmaken voor een andere organisatie.
field-workspace-kind = Soort werkruimte
field-workspace-name = Naam van de werkruimte
field-workspace-name-hint = Bijvoorbeeld: Aalst – Bohicon, of werkgroep Post-Agenda 2030.
field-workspace-description = Beschrijving
field-workspace-sdgs = Duurzame ontwikkelingsdoelen waaraan ze werkt
field-visibility = Wie ze kan vinden
field-workspace-language = Standaardtaal
field-workspace-language-hint = De taal van de naam van het eerste kanaal en van berichten aan iedereen.
workspace-create-submit = Werkruimte aanmaken

# De pagina van een werkruimte.
workspace-archived = Gearchiveerd
workspace-your-role = Uw rol: { $role }
workspace-admin-link = { $workspace } beheren
workspace-invitation-heading = Uw organisatie is uitgenodigd
workspace-invitation-text = Als beheerder van uw organisatie beslist u of ze deelneemt. Als u aanvaardt, wordt u lid en kunt u uw collega's toevoegen.
workspace-channels-heading = Kanalen
workspace-channels-none = Er zijn nog geen kanalen die u kunt lezen.
workspace-channel-private = Besloten
workspace-channel-archived = Gearchiveerd
workspace-summary-only = U bent geen lid van deze werkruimte, dus u ziet alleen de samenvatting.
workspace-about-heading = Over deze werkruimte
workspace-no-sdgs = Geen gekozen
workspace-organisations-heading = Organisaties
field-participation = Deelname

# Een werkruimte beheren.
workspace-admin-title = { $workspace } beheren
workspace-back-link = Terug naar { $workspace }
workspace-settings-heading = Instellingen
field-workspace-archived = Gearchiveerd
field-workspace-archived-hint = Een gearchiveerde werkruimte blijft leesbaar, maar niemand kan er nog berichten in plaatsen.
workspace-settings-submit = Instellingen opslaan
workspace-invite-heading = Een organisatie uitnodigen
workspace-invite-none = Elke actieve organisatie neemt al deel of is al uitgenodigd.
field-workspace-organisation = Organisatie
workspace-invite-hint = Een van haar beheerders aanvaardt of weigert in haar naam.
workspace-invite-submit = Uitnodiging versturen
workspace-own-people-heading = Uw collega's in deze werkruimte
workspace-members-heading = Leden
workspace-members-none = Nog niemand.
field-workspace-person = Persoon
field-workspace-role = Rol in de werkruimte
workspace-role-of = Nieuwe rol voor { $name }
workspace-role-submit = Rol van { $name } wijzigen
workspace-leave = De werkruimte verlaten
workspace-remove-member = { $name } verwijderen
workspace-add-member-heading = Iemand toevoegen
workspace-add-member-none = Iedereen die u kunt toevoegen, is al lid.
workspace-add-member-submit = Aan de werkruimte toevoegen
field-workspace-channel-name = Naam van het kanaal
field-workspace-channel-topic = Onderwerp
workspace-channel-save = { $channel } opslaan
workspace-channel-archive = { $channel } archiveren
workspace-channel-unarchive = { $channel } heropenen
workspace-channel-new-heading = Nieuw kanaal
field-workspace-channel-private = Besloten kanaal
field-workspace-channel-private-hint = Alleen de mensen die u hieronder kiest, kunnen het lezen.
field-workspace-channel-members = Leden van het besloten kanaal
workspace-channel-create-submit = Kanaal aanmaken

# Ledengids en personen.
directory-title = Ledengids
directory-intro = Vind collega's in elke organisatie van het netwerk: op naam, functie, land, de talen die ze lezen of de doelen waaraan ze werken.
directory-search-label = In de ledengids zoeken
directory-field-q = Naam of functie
directory-field-q-hint = Bijvoorbeeld: financiën, mobiliteit, schepen.
directory-field-kind = Neemt deel als
directory-field-language = Leest
directory-field-theme = Werkt aan
directory-any = Om het even
directory-submit = Zoeken
directory-reset = Iedereen tonen
directory-results-heading = Personen
directory-results-count = { $count ->
    [0] Niemand voldoet aan deze zoekopdracht.
    [one] Eén persoon gevonden.
   *[other] { $count } personen gevonden.
}
directory-languages = Talen
person-not-given = Niet opgegeven
person-kind = Neemt deel als
person-languages = Talen die hij of zij leest
person-themes = Thema's waaraan hij of zij werkt
person-edit-own = Uw profiel bewerken
person-send-message = Een persoonlijk bericht sturen naar { $name }
person-back-to-directory = Terug naar de ledengids

# Persoonlijke gesprekken.
conversations-title = Persoonlijke berichten
conversations-none = U hebt nog geen persoonlijke gesprekken.
conversations-start-hint = Om een gesprek te beginnen, opent u de pagina van een collega en stuurt u een bericht.

workspace-leave-named = { $workspace } verlaten
notice-owner-restored = De persoon is nu eigenaar van de werkruimte.
workspace-restore-owner-heading = Een eigenaar herstellen
workspace-restore-owner-hint = Voor een werkruimte zonder rechtmatige eigenaar: de persoon van uw organisatie die u kiest, wordt eigenaar. Dit wordt in het auditlogboek vastgelegd.
workspace-restore-owner-submit = Eigenaar maken
participation-withdraw = Uw organisatie uit { $workspace } terugtrekken
participation-withdraw-hint = Iedereen van uw organisatie verlaat de werkruimte meteen. Terugkeren kan alleen met een nieuwe uitnodiging.
notice-participation-withdrawn = Uw organisatie heeft de werkruimte verlaten.
