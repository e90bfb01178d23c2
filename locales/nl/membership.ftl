# Datums en tijden: CLDR-patronen (d dag, MMM verkorte maand, y jaar, HH/H 24 uur, h 12 uur,
# mm minuten, a dagdeel). De tijdzone wordt naar haar stad genoemd.
date-pattern = d MMM y
datetime-pattern-am = d MMM y, HH:mm
datetime-pattern-pm = d MMM y, HH:mm
time-pattern-am = HH:mm
time-pattern-pm = HH:mm
zone-pattern = tijd in { $city }
month-abbr-1 = jan.
month-abbr-2 = feb.
month-abbr-3 = mrt.
month-abbr-4 = apr.
month-abbr-5 = mei
month-abbr-6 = jun.
month-abbr-7 = jul.
month-abbr-8 = aug.
month-abbr-9 = sep.
month-abbr-10 = okt.
month-abbr-11 = nov.
month-abbr-12 = dec.

# Forms.
page-title-error = Fout: { $title }
skip-to-composer = Naar het berichtvak
email-footer-invitation = U ontvangt deze e-mail omdat iemand dit adres heeft uitgenodigd voor Agora, het platform van de partnerschappen van uw gemeente.

# E-mail / email.
email-workspace-invited-subject = Uw organisatie is uitgenodigd voor { $workspace }
email-workspace-invited-greeting = Beste { $name },
email-workspace-invited-intro = { $inviter } nodigt { $organisation } uit om deel te nemen aan de werkruimte { $workspace } op Agora. Als beheerder van { $organisation } beslist u of uw organisatie deelneemt: daarna kunnen haar mensen aan de werkruimte worden toegevoegd.
email-workspace-invited-action = De uitnodiging bekijken
