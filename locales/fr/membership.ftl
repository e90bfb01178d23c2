# Dates et heures : motifs CLDR (d jour, MMM mois abrégé, y année, HH/H 24 h, h 12 h,
# mm minutes, a période). Le fuseau porte le nom de sa ville.
date-pattern = d MMM y
datetime-pattern-am = d MMM y, HH:mm
datetime-pattern-pm = d MMM y, HH:mm
time-pattern-am = HH:mm
time-pattern-pm = HH:mm
zone-pattern = heure de { $city }
month-abbr-1 = janv.
month-abbr-2 = févr.
month-abbr-3 = mars
month-abbr-4 = avr.
month-abbr-5 = mai
month-abbr-6 = juin
month-abbr-7 = juil.
month-abbr-8 = août
month-abbr-9 = sept.
month-abbr-10 = oct.
month-abbr-11 = nov.
month-abbr-12 = déc.

# Forms.
page-title-error = Erreur : { $title }
skip-to-composer = Aller à la zone de saisie du message
email-footer-invitation = Vous recevez cet e-mail parce que quelqu’un a invité cette adresse sur Agora, la plateforme des partenariats de votre commune.

# E-mail / email.
email-workspace-invited-subject = Votre organisation est invitée dans { $workspace }
email-workspace-invited-greeting = Bonjour { $name },
email-workspace-invited-intro = { $inviter } invite { $organisation } à participer à l’espace de travail { $workspace } sur Agora. En tant qu’administrateur de { $organisation }, vous décidez si elle y participe : ses membres pourront ensuite être ajoutés à l’espace.
email-workspace-invited-action = Voir l’invitation
