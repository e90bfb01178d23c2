# Gesprekken: een kanaal, zijn berichten, draden, bewerken, reacties en zoeken.

# Een kanaal of rechtstreeks gesprek.
direct-heading = Gesprek met { $people }
channel-workspace = Werkruimte:
channel-search = Zoeken in dit kanaal
direct-search = Zoeken in dit gesprek
channel-read-only = U kunt dit gesprek lezen, maar er niet in schrijven.
channel-archived-notice = Dit kanaal is gearchiveerd: u kunt het lezen, maar niemand kan er nog in schrijven.
messages-heading = Berichten
messages-none = Nog geen berichten. Schrijf hieronder het eerste.
history-older = Oudere berichten
history-newer = Nieuwere berichten
history-latest = Nieuwste berichten
live-new-message = Nieuw bericht van { $name }

# Eén bericht.
message-language = Taal:
message-edited = (bewerkt)
message-deleted = Dit bericht is verwijderd.
message-attachments = Bijlagen
message-replies =
    { $count ->
        [one] { $count } antwoord
       *[other] { $count } antwoorden
    }
message-reply = Antwoorden in draad
message-edit = Bewerken
message-delete = Verwijderen
reaction-people =
    { $count ->
        [one] { $count } persoon reageerde
       *[other] { $count } personen reageerden
    }
reaction-add = Reactie toevoegen
file-size =
    { $unit ->
        [b] { $size } bytes
        [kb] { $size } kB
       *[mb] { $size } MB
    }

# Een bericht schrijven.
composer-heading = Schrijf een bericht
composer-reply-heading = Antwoord in deze draad
composer-body = Bericht
composer-body-hint = U kunt Markdown gebruiken: **vet**, *cursief*, lijstjes en links.
composer-language = Taal van uw bericht
composer-language-detect = Automatisch herkennen
composer-files = Bestanden toevoegen
composer-files-hint =
    { $count ->
        [one] Eén bestand van maximaal 10 MB.
       *[other] Tot { $count } bestanden van elk maximaal 10 MB.
    }
composer-send = Versturen
composer-send-reply = Antwoord versturen

# Een draad.
thread-title = Draad in { $channel }
thread-back = Terug naar { $channel }
thread-replies-heading = Antwoorden
thread-no-replies = Nog geen antwoorden.

# Bewerken en verwijderen.
edit-title = Bericht bewerken
delete-title = Bericht verwijderen
edit-back = Terug naar het gesprek
edit-current-heading = Het bericht nu
edit-heading = Het bericht wijzigen
edit-language = Taal van het bericht
edit-language-hint = Pas ze aan als ze verkeerd herkend is: lezers en de zoekfunctie gebruiken ze.
edit-save = Wijzigingen opslaan
edit-cancel = Annuleren
delete-heading = Dit bericht verwijderen
delete-text = In het gesprek blijft te zien dat er een bericht verwijderd is. Dit kan niet ongedaan gemaakt worden.
delete-submit = Bericht verwijderen

# Zoeken.
search-title = Berichten zoeken
search-results-title = Zoeken: { $query }
search-query = Woorden om te zoeken
search-workspace = Werkruimte
search-all-workspaces = Al uw werkruimtes
search-from = Vanaf (datum)
search-until = Tot en met (datum)
search-submit = Zoeken
search-narrowed = Alleen in het kanaal of van de persoon waar u vandaan kwam.
search-everywhere = Overal zoeken
search-results =
    { $count ->
        [0] Geen berichten gevonden
        [one] Eén bericht gevonden
       *[other] { $count } berichten gevonden
    }
search-none = Probeer andere woorden, of minder filters.
search-hit-in = Gevonden in { $channel }
search-hit-in-workspace = Gevonden in { $channel } ({ $workspace })
