# Beheer van leden en organisaties.
members-title = Leden van { $organisation }
members-heading = Leden
members-actions = Acties
members-make-admin = { $name } beheerder maken
members-make-member = { $name } gewoon lid maken
members-deactivate = { $name } deactiveren
members-reactivate = { $name } opnieuw activeren
invite-heading = Een collega uitnodigen
invite-submit = Uitnodiging versturen
invitations-heading = Uitnodigingen
invitations-none = Nog geen uitnodigingen.
invitations-expires = Geldig tot
invitations-revoke = Uitnodiging voor { $email } intrekken
orgs-title = Organisaties van het netwerk
orgs-heading = Organisaties
orgs-new-heading = Een organisatie toevoegen
orgs-create-submit = Organisatie toevoegen
orgs-members-link = Leden van { $organisation }
orgs-edit-link = { $organisation } bewerken
org-edit-title = { $organisation } bewerken
org-edit-submit = Opslaan
org-suspend-hint = Leden van een geschorste organisatie kunnen zich niet aanmelden; hun sessies worden meteen beëindigd.

# Delivery: a member whose address hard-bounced, on the members page.
delivery-member-bounced = E-mail geweigerd door de mailserver
