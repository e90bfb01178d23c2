# Fechas y horas: patrones CLDR (d día, MMM mes abreviado, y año, HH/H 24 horas, h 12 horas,
# mm minutos, a periodo del día). La zona lleva el nombre de su ciudad.
date-pattern = d MMM y
datetime-pattern-am = d MMM y, H:mm
datetime-pattern-pm = d MMM y, H:mm
time-pattern-am = H:mm
time-pattern-pm = H:mm
zone-pattern = hora de { $city }
month-abbr-1 = ene
month-abbr-2 = feb
month-abbr-3 = mar
month-abbr-4 = abr
month-abbr-5 = may
month-abbr-6 = jun
month-abbr-7 = jul
month-abbr-8 = ago
month-abbr-9 = sept
month-abbr-10 = oct
month-abbr-11 = nov
month-abbr-12 = dic

# Forms.
page-title-error = Error: { $title }
skip-to-composer = Ir al cuadro del mensaje
email-footer-invitation = Recibe este correo porque alguien invitó esta dirección a Agora, la plataforma de las alianzas de su municipio.

# E-mail / email.
email-workspace-invited-subject = Su organización está invitada a { $workspace }
email-workspace-invited-greeting = Hola, { $name }:
email-workspace-invited-intro = { $inviter } invita a { $organisation } a participar en el espacio de trabajo { $workspace } en Agora. Como administrador de { $organisation }, usted decide si participa: después se podrá añadir a sus personas al espacio.
email-workspace-invited-action = Ver la invitación
