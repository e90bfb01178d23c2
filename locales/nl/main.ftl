# Opmaak, navigatie en gedeelde labels.
skip-to-content = Naar de hoofdinhoud
nav-label = Hoofdmenu
nav-search = Zoeken
nav-profile = Profiel
nav-organisation = Mijn organisatie
nav-network = Netwerk
nav-signout = Afmelden
language-switcher-label = Taal
footer-text = Agora — gemeenten en hun partners werken samen.
form-errors-title = Verbeter het volgende
home-title = Startpagina
home-welcome = Welkom, { $name }
home-intro = Hier verschijnen uw werkruimtes met partnergemeenten.
home-link-profile = Uw profiel en taal aanpassen
home-link-members = De leden van uw organisatie bekijken

# Talen, elk in de eigen taal benoemd.
autonym-en = English
autonym-nl = Nederlands
autonym-fr = Français
autonym-es = Español
autonym-de = Deutsch
autonym-pt = Português
autonym-ar = العربية
autonym-wo = Wolof
autonym-fon = Fɔngbè
autonym-rw = Ikinyarwanda
autonym-sw = Kiswahili
autonym-qu = Runa Simi

# Formuliervelden.
field-email = E-mailadres
field-password = Wachtwoord
field-new-password = Nieuw wachtwoord
field-password-confirm = Herhaal het wachtwoord
field-password-hint = Minstens 10 tekens. Een korte zin onthoudt u gemakkelijk.
field-current-password = Huidig wachtwoord
field-display-name = Uw naam
field-function = Functie
field-function-hint = Bijvoorbeeld: schepen van internationale samenwerking, financieel directeur.
field-user-kind = U neemt deel als
field-interface-language = Taal van de interface
field-languages-read = Talen die u leest
field-time-zone = Tijdzone
field-organisation-name = Naam van de organisatie
field-org-kind = Soort organisatie
field-country = Land
field-country-hint = Landcode van twee letters, bijvoorbeeld BE, BJ, SN of EC.
field-default-language = Standaardtaal
field-role = Rol
field-status = Status
field-invitation-language = Taal van de uitnodigingsmail

# Vaste keuzelijsten.
org-kind-flemish-municipality = Vlaamse gemeente
org-kind-partner-municipality = Partnergemeente
org-kind-association = Vereniging van gemeenten
org-kind-network-operator = Netwerkbeheerder
org-kind-other = Andere organisatie
org-status-active = Actief
org-status-suspended = Geschorst
role-member = Lid
role-admin = Beheerder
user-status-active = Actief
user-status-deactivated = Gedeactiveerd
user-kind-official = Ambtenaar
user-kind-politician = Verkozen mandataris
user-kind-other = Andere
invitation-status-pending = In afwachting
invitation-status-accepted = Aanvaard
invitation-status-revoked = Ingetrokken
invitation-status-expired = Verlopen

# Bevestigingen na een handeling.
notice-reset-sent = Als er een account bestaat voor dat adres, hebben we er een link naartoe gestuurd om een nieuw wachtwoord te kiezen.
notice-password-reset = Uw wachtwoord is gewijzigd. U kunt zich nu aanmelden.
notice-signed-out = U bent afgemeld.
notice-profile-saved = Uw profiel is opgeslagen.
notice-password-changed = Uw wachtwoord is gewijzigd. Uw andere sessies zijn afgemeld.
notice-invitation-sent = De uitnodiging is verstuurd.
notice-invitation-revoked = De uitnodiging is ingetrokken.
notice-member-updated = Het lid is bijgewerkt.
notice-organisation-saved = De organisatie is opgeslagen.

# Foutpagina.
error-page-title = Er is iets misgelopen
error-page-status = Foutcode { $status }
error-page-home = Naar de startpagina

# Duurzame Ontwikkelingsdoelen.
field-themes = Thema's waarrond u werkt (Duurzame Ontwikkelingsdoelen)
sdg-1 = SDG { $number }: Geen armoede
sdg-2 = SDG { $number }: Geen honger
sdg-3 = SDG { $number }: Goede gezondheid en welzijn
sdg-4 = SDG { $number }: Kwaliteitsonderwijs
sdg-5 = SDG { $number }: Gendergelijkheid
sdg-6 = SDG { $number }: Schoon water en sanitair
sdg-7 = SDG { $number }: Betaalbare en duurzame energie
sdg-8 = SDG { $number }: Waardig werk en economische groei
sdg-9 = SDG { $number }: Industrie, innovatie en infrastructuur
sdg-10 = SDG { $number }: Ongelijkheid verminderen
sdg-11 = SDG { $number }: Duurzame steden en gemeenschappen
sdg-12 = SDG { $number }: Verantwoorde consumptie en productie
sdg-13 = SDG { $number }: Klimaatactie
sdg-14 = SDG { $number }: Leven in het water
sdg-15 = SDG { $number }: Leven op het land
sdg-16 = SDG { $number }: Vrede, justitie en sterke publieke diensten
sdg-17 = SDG { $number }: Partnerschap om doelstellingen te bereiken
channel-general-name = algemeen
