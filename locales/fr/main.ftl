# Mise en page, navigation et libellés communs.
skip-to-content = Aller au contenu principal
nav-label = Menu principal
nav-search = Rechercher
nav-profile = Profil
nav-organisation = Mon organisation
nav-network = Réseau
nav-signout = Se déconnecter
language-switcher-label = Langue
footer-text = Agora — les communes et leurs partenaires travaillent ensemble.
form-errors-title = Veuillez corriger les points suivants
home-title = Accueil
home-welcome = Bienvenue, { $name }
home-intro = Vos espaces de travail avec les communes partenaires apparaîtront ici.
home-link-profile = Modifier votre profil et votre langue
home-link-members = Voir les membres de votre organisation

# Langues, chacune désignée dans sa propre langue.
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

# Champs de formulaire.
field-email = Adresse e-mail
field-password = Mot de passe
field-new-password = Nouveau mot de passe
field-password-confirm = Confirmez le mot de passe
field-password-hint = Au moins 10 caractères. Une courte phrase est facile à retenir.
field-current-password = Mot de passe actuel
field-display-name = Votre nom
field-function = Fonction
field-function-hint = Par exemple : échevin ou adjoint au maire chargé de la coopération internationale, directeur financier.
field-user-kind = Vous participez en tant que
field-interface-language = Langue de l’interface
field-languages-read = Langues que vous lisez
field-time-zone = Fuseau horaire
field-organisation-name = Nom de l’organisation
field-org-kind = Type d’organisation
field-country = Pays
field-country-hint = Code pays à deux lettres, par exemple BE, BJ, SN ou EC.
field-default-language = Langue par défaut
field-role = Rôle
field-status = Statut
field-invitation-language = Langue de l’e-mail d’invitation

# Listes de valeurs fixes.
org-kind-flemish-municipality = Commune flamande
org-kind-partner-municipality = Commune partenaire
org-kind-association = Association de communes
org-kind-network-operator = Gestionnaire du réseau
org-kind-other = Autre organisation
org-status-active = En activité
org-status-suspended = Suspendue
role-member = Membre
role-admin = Administrateur
user-status-active = Actif
user-status-deactivated = Désactivé
user-kind-official = Fonctionnaire
user-kind-politician = Élu local
user-kind-other = Autre
invitation-status-pending = En attente
invitation-status-accepted = Acceptée
invitation-status-revoked = Annulée
invitation-status-expired = Expirée

# Confirmations affichées après une action.
notice-reset-sent = Si un compte existe pour cette adresse, nous y avons envoyé un lien pour choisir un nouveau mot de passe.
notice-password-reset = Votre mot de passe a été modifié. Vous pouvez maintenant vous connecter.
notice-signed-out = Votre session est fermée.
notice-profile-saved = Votre profil a été enregistré.
notice-password-changed = Votre mot de passe a été modifié. Vos autres sessions ont été fermées.
notice-invitation-sent = L’invitation a été envoyée.
notice-invitation-revoked = L’invitation a été annulée.
notice-member-updated = Le membre a été mis à jour.
notice-organisation-saved = L’organisation a été enregistrée.

# Page d’erreur.
error-page-title = Une erreur s’est produite
error-page-status = Code d’erreur { $status }
error-page-home = Aller à la page d’accueil

# Objectifs de développement durable.
field-themes = Thèmes sur lesquels vous travaillez (Objectifs de développement durable)
sdg-1 = ODD { $number } : Pas de pauvreté
sdg-2 = ODD { $number } : Faim « zéro »
sdg-3 = ODD { $number } : Bonne santé et bien-être
sdg-4 = ODD { $number } : Éducation de qualité
sdg-5 = ODD { $number } : Égalité entre les sexes
sdg-6 = ODD { $number } : Eau propre et assainissement
sdg-7 = ODD { $number } : Énergie propre et d’un coût abordable
sdg-8 = ODD { $number } : Travail décent et croissance économique
sdg-9 = ODD { $number } : Industrie, innovation et infrastructure
sdg-10 = ODD { $number } : Inégalités réduites
sdg-11 = ODD { $number } : Villes et communautés durables
sdg-12 = ODD { $number } : Consommation et production responsables
sdg-13 = ODD { $number } : Mesures relatives à la lutte contre les changements climatiques
sdg-14 = ODD { $number } : Vie aquatique
sdg-15 = ODD { $number } : Vie terrestre
sdg-16 = ODD { $number } : Paix, justice et institutions efficaces
sdg-17 = ODD { $number } : Partenariats pour la réalisation des objectifs
channel-general-name = général
