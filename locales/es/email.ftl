# Correos electrónicos.
email-footer = Recibe este correo porque tiene una cuenta en Agora, la plataforma de las alianzas de su municipio.
email-link-fallback = Si el botón no funciona, copie esta dirección en su navegador:
email-invitation-subject = Su invitación para unirse a { $organisation } en Agora
email-invitation-intro = { $inviter } le invita a unirse a { $organisation } en Agora, donde los municipios y sus socios trabajan juntos.
email-invitation-action = Aceptar la invitación
email-invitation-expiry = { $days ->
    [one] Esta invitación es válida por un día.
   *[other] Esta invitación es válida por { $days } días.
}
email-reset-subject = Elija una nueva contraseña para Agora
email-reset-greeting = Hola, { $name }:
email-reset-intro = Alguien solicitó restablecer la contraseña de su cuenta de Agora. Si fue usted, elija una nueva contraseña con el botón de abajo.
email-reset-action = Elegir una nueva contraseña
email-reset-expiry = { $minutes ->
    [one] El enlace es válido por un minuto.
   *[other] El enlace es válido por { $minutes } minutos.
}
email-reset-ignore = Si usted no lo solicitó, puede ignorar este correo: su contraseña seguirá siendo la misma.
email-invitation-conflict-subject = { $organisation } intentó invitarle a Agora
email-invitation-conflict-greeting = Hola, { $name }:
email-invitation-conflict-intro = { $inviter } intentó invitarle a unirse a { $organisation } en Agora. Usted ya tiene una cuenta de Agora con este correo electrónico y cada cuenta pertenece a una sola organización, por lo que no se creó una segunda cuenta.
email-invitation-conflict-advice = Para trabajar con { $organisation } no necesita una segunda cuenta: pueden invitar a su organización a un espacio de trabajo compartido. Si usted se ha incorporado a { $organisation }, comuníquese con el administrador de su organización actual.
email-invitation-conflict-ignore = Si no conoce esta organización, puede ignorar este correo: su cuenta no ha cambiado.
