# E-mails.
email-footer = Vous recevez cet e-mail parce que vous avez un compte sur Agora, la plateforme des partenariats de votre commune.
email-link-fallback = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
email-invitation-subject = Votre invitation à rejoindre { $organisation } sur Agora
email-invitation-intro = { $inviter } vous invite à rejoindre { $organisation } sur Agora, où les communes et leurs partenaires travaillent ensemble.
email-invitation-action = Accepter l’invitation
email-invitation-expiry = { $days ->
    [one] Cette invitation est valable un jour.
   *[other] Cette invitation est valable { $days } jours.
}
email-reset-subject = Choisissez un nouveau mot de passe pour Agora
email-reset-greeting = Bonjour { $name },
email-reset-intro = Quelqu’un a demandé la réinitialisation du mot de passe de votre compte Agora. Si c’est vous, choisissez un nouveau mot de passe à l’aide du bouton ci-dessous.
email-reset-action = Choisir un nouveau mot de passe
email-reset-expiry = { $minutes ->
    [one] Le lien est valable une minute.
   *[other] Le lien est valable { $minutes } minutes.
}
email-reset-ignore = Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer cet e-mail : votre mot de passe reste inchangé.
email-invitation-conflict-subject = { $organisation } a essayé de vous inviter sur Agora
email-invitation-conflict-greeting = Bonjour { $name },
email-invitation-conflict-intro = { $inviter } a essayé de vous inviter à rejoindre { $organisation } sur Agora. Vous avez déjà un compte Agora avec cette adresse e-mail, et un compte appartient à une seule organisation : aucun second compte n’a donc été créé.
email-invitation-conflict-advice = Pour travailler avec { $organisation }, vous n’avez pas besoin d’un second compte : elle peut inviter votre organisation dans un espace de travail commun. Si vous avez rejoint { $organisation }, contactez l’administrateur de votre organisation actuelle.
email-invitation-conflict-ignore = Si vous ne connaissez pas cette organisation, vous pouvez ignorer cet e-mail : rien n’a changé dans votre compte.
