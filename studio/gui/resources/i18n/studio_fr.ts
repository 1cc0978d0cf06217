<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
  <context>
    <name>studio</name>
    <message>
      <location filename="../../queue_panel.py" />
      <source>%1 (%2 left)</source>
      <translation>%1 (reste %2)</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>%1 running · %4 waiting · %2 done · %3 failed</source>
      <translation>%1 en cours · %4 en attente · %2 terminé(s) · %3 en échec</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>%1: exported %2, %3</source>
      <translation>%1 : exportée le %2, %3</translation>
    </message>
    <message numerus="yes">
      <location filename="../../queue_panel.py" />
      <source>%n render(s) still running or waiting. Stop them and quit? Nothing half-written is kept.</source>
      <translation>
        <numerusform>%n export est en cours ou en attente. L’arrêter et quitter ? Rien d’inachevé n’est gardé.</numerusform>
        <numerusform>%n exports sont en cours ou en attente. Les arrêter et quitter ? Rien d’inachevé n’est gardé.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../export_dialog.py" />
      <source>%n video(s) to render</source>
      <translation>
        <numerusform>%n vidéo à exporter</numerusform>
        <numerusform>%n vidéos à exporter</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Edit</source>
      <translation>É&amp;dition</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;New story</source>
      <translation>&amp;Nouvelle histoire</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Next problem</source>
      <translation>Problème &amp;suivant</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Open…</source>
      <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Play / Pause</source>
      <translation>&amp;Lecture / Pause</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Redo</source>
      <translation>&amp;Rétablir</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Render…</source>
      <translation>&amp;Exporter…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Revert to saved</source>
      <translation>&amp;Revenir à la version enregistrée</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Save</source>
      <translation>&amp;Enregistrer</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Settings…</source>
      <translation>&amp;Réglages…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Undo</source>
      <translation>&amp;Annuler</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>&amp;Video</source>
      <translation>&amp;Vidéo</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>(none)</source>
      <translation>(aucun)</translation>
    </message>
    <message>
      <location filename="../../story_delegate.py" />
      <source>(old)</source>
      <translation>(ancienne)</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>(the story's, else the campaign's)</source>
      <translation>(celui de l’histoire, sinon celui de la campagne)</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>A beat is split between two of its words: put the playhead on a word after the first.</source>
      <translation>Un moment se coupe entre deux de ses mots : placez la tête de lecture sur un mot après le premier.</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>A crash report was written to {path}: attach it to a bug report.</source>
      <translation>Un rapport de plantage a été écrit dans {path} : joignez-le à votre signalement.</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>A new language applies at the next start.</source>
      <translation>Une nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>A story keeps at least one beat.</source>
      <translation>Une histoire garde au moins un moment.</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>A story named “%1” already exists in this folder.</source>
      <translation>Une histoire nommée « %1 » existe déjà dans ce dossier.</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>Add to queue</source>
      <translation>Ajouter à la file</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Anonymise</source>
      <translation>Anonymiser</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>As each story says</source>
      <translation>Comme le dit chaque histoire</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Automatic</source>
      <translation>Automatique</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Automatic duration</source>
      <translation>Durée automatique</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Automatic duration of beat {n}</source>
      <translation>Durée automatique du moment {n}</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Beat {n} now shows the picture before it: after a picture, no line gives back the brand's background.</source>
      <translation>Le moment {n} montre maintenant l’image qui le précède : après une image, aucune ligne ne rend le fond de la marque.</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Beats (top), captions and backgrounds; click one to go to it. Drag a beat to move it, its right edge to time it (double-click the edge: automatic timing), a clip's ends to trim it; Ctrl+wheel zooms</source>
      <translation>Moments (en haut), sous-titres et fonds ; cliquez pour y aller. Faites glisser un moment pour le déplacer, son bord droit pour régler sa durée (double-clic sur le bord : durée automatique), les extrémités d’un clip pour le découper ; Ctrl+molette zoome</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Blur faces</source>
      <translation>Flouter les visages</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Brand background</source>
      <translation>Fond de la marque</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Brand kit</source>
      <translation>Charte</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>Browse…</source>
      <translation>Parcourir…</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Cancel all</source>
      <translation>Tout annuler</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Cancelled</source>
      <translation>Annulé</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Canvas:</source>
      <translation>Format :</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" />
      <source>Caption</source>
      <translation>Sous-titre</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>Caption style</source>
      <translation>Style des sous-titres</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>Captions</source>
      <translation>Sous-titres</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Change the picture or clip…</source>
      <translation>Changer l’image ou le clip…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Change {field}</source>
      <translation>Modification de « {field} »</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Checking the file…</source>
      <translation>Contrôle du fichier…</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Choose a picture or clip</source>
      <translation>Choisir une image ou un clip</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Clear finished</source>
      <translation>Retirer les terminés</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Compared with the file: lines added: {added}, lines removed: {removed}.</source>
      <translation>Par rapport au fichier : lignes ajoutées : {added}, lignes supprimées : {removed}.</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Completed successfully in %1</source>
      <translation>Terminé avec succès en %1</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Consent</source>
      <translation>Consentement</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Consent date</source>
      <translation>Date du consentement</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Consent given</source>
      <translation>Consentement donné</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Consent given by</source>
      <translation>Consentement donné par</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Content warning</source>
      <translation>Avertissement</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Content warning card</source>
      <translation>Carton d’avertissement</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Copied into media/: %1</source>
      <translation>Copié dans media/ : %1</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Copy</source>
      <translation>Copier</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Copy details</source>
      <translation>Copier les détails</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Copy files from other folders into {folder}, so the story keeps working when its folder is moved?</source>
      <translation>Copier les fichiers venant d’autres dossiers dans {folder}, pour que l’histoire marche encore si son dossier est déplacé ?</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Copy media into the story's folder?</source>
      <translation>Copier les médias dans le dossier de l’histoire ?</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Copy the details to the clipboard</source>
      <translation>Copier les détails dans le presse-papiers</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Default brand kit</source>
      <translation>Charte par défaut</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Delete</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Delete beat {n}</source>
      <translation>Supprimer le moment {n}</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Delete story</source>
      <translation>Supprimer l’histoire</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Details</source>
      <translation>Détails</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Discard</source>
      <translation>Abandonner</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Disguise voice</source>
      <translation>Déguiser la voix</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Done in %1</source>
      <translation>Fait en %1</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Drag its start or end to trim the clip</source>
      <translation>Faites glisser son début ou sa fin pour découper le clip</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Drop pictures, clips and sounds here to copy them into media/</source>
      <translation>Déposez ici photos, vidéos et sons pour les copier dans media/</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Duplicate</source>
      <translation>Dupliquer</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Duplicate beat {n}</source>
      <translation>Dupliquer le moment {n}</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Duplicate story</source>
      <translation>Dupliquer l’histoire</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Duplicate the selected story</source>
      <translation>Dupliquer l’histoire choisie</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Duration of beat {n}: {seconds} s</source>
      <translation>Durée du moment {n} : {seconds} s</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Emphasize the selected words</source>
      <translation>Mettre en valeur les mots sélectionnés</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Emphasize words</source>
      <translation>Mettre des mots en valeur</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>End card</source>
      <translation>Carton de fin</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>End card with the helpline</source>
      <translation>Carton de fin avec le numéro d’aide</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>End-card variant</source>
      <translation>Variante de l’écran de fin</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Error details</source>
      <translation>Détails de l’erreur</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Error message</source>
      <translation>Message d’erreur</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>Export</source>
      <translation>Exporter</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Failed</source>
      <translation>Échec</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>File name of the copy:</source>
      <translation>Nom de fichier de la copie :</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>File name of the new story:</source>
      <translation>Nom de fichier de la nouvelle histoire :</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Fit the timeline to the window</source>
      <translation>Ajuster la frise à la fenêtre</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Given by</source>
      <translation>Donné par</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Hint</source>
      <translation>Conseil</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Hint:</source>
      <translation>Conseil :</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>In the file</source>
      <translation>Dans le fichier</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Insert {names}</source>
      <translation>Insertion de {names}</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>It was never saved: {n} lines of text.</source>
      <translation>Elle n’a jamais été enregistrée : {n} lignes de texte.</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Job progress</source>
      <translation>Avancement de l’export</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Job status</source>
      <translation>État de l’export</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Join beats {n} and {m}</source>
      <translation>Réunir les moments {n} et {m}</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Join with the next beat</source>
      <translation>Réunir avec le moment suivant</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Keep the unsaved text for the next start</source>
      <translation>Garder le texte non enregistré pour le prochain démarrage</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Kindness Studio closed without saving {name}. Its text was written at {time} ({ago}).</source>
      <translation>Kindness Studio s’est fermé sans enregistrer {name}. Son texte a été écrit le {time} ({ago}).</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Kindness Studio met an unexpected problem. Your text is safe (it was written to the recovery file). Copy the details below into a bug report.</source>
      <translation>Kindness Studio a rencontré un problème inattendu. Votre texte est en sécurité (il a été écrit dans le fichier de récupération). Copiez les détails ci-dessous dans un signalement.</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Kindness Studio stopped unexpectedly</source>
      <translation>Kindness Studio s’est arrêté de façon inattendue</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Kindness Studio stopped unexpectedly ({time}).</source>
      <translation>Kindness Studio s’est arrêté de façon inattendue ({time}).</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Kindness Studio stopped unexpectedly.</source>
      <translation>Kindness Studio s’est arrêté de façon inattendue.</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Language</source>
      <translation>Langue</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Later</source>
      <translation>Plus tard</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Left and Right select a beat; Alt+Left and Alt+Right move it; Alt+Shift+Left and Alt+Shift+Right shorten or lengthen it by a frame; Ctrl+B splits the beat at the playhead; the menu key opens the beat's menu</source>
      <translation>Gauche et Droite choisissent un moment ; Alt+Gauche et Alt+Droite le déplacent ; Alt+Maj+Gauche et Alt+Maj+Droite le raccourcissent ou l’allongent d’une image ; Ctrl+B coupe le moment à la tête de lecture ; la touche Menu ouvre le menu du moment</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" />
      <source>Line</source>
      <translation>Ligne</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Line {n}</source>
      <translation>Ligne {n}</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Main</source>
      <translation>Principal</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" />
      <source>Missing media file</source>
      <translation>Fichier média manquant</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Motion</source>
      <translation>Mouvement</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Motion of {name}: {motion}</source>
      <translation>Mouvement de {name} : {motion}</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Move beat {n}</source>
      <translation>Déplacer le moment {n}</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Move the selected stories to the trash</source>
      <translation>Mettre les histoires choisies à la corbeille</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Music</source>
      <translation>Musique</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>New</source>
      <translation>Nouvelle</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>New file name:</source>
      <translation>Nouveau nom de fichier :</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>New story</source>
      <translation>Nouvelle histoire</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>New story from the template</source>
      <translation>Nouvelle histoire à partir du modèle</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" />
      <source>No problems: the story is ready to render.</source>
      <translation>Aucun problème : l’histoire est prête à exporter.</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>No renders yet</source>
      <translation>Aucun export pour l’instant</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>No sound device: playing silently</source>
      <translation>Pas de sortie son : lecture muette</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>No unsaved text was lost.</source>
      <translation>Aucun texte non enregistré n’a été perdu.</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Not a picture, clip or sound: {names}</source>
      <translation>Ni photo, ni vidéo, ni son : {names}</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" />
      <source>Not publishable</source>
      <translation>Non publiable</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Nothing written</source>
      <translation>Rien n’a été écrit</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>One line per job as it ends</source>
      <translation>Une ligne par export quand il se termine</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Open &amp;folder…</source>
      <translation>Ouvrir un &amp;dossier…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Open a folder of stories</source>
      <translation>Ouvrir un dossier d’histoires</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Open a story</source>
      <translation>Ouvrir une histoire</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Open both side by side</source>
      <translation>Ouvrir les deux côte à côte</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Open folder</source>
      <translation>Ouvrir le dossier</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Open the output folder</source>
      <translation>Ouvrir le dossier de sortie</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Open the quality report (HTML)</source>
      <translation>Ouvrir le rapport de contrôle (HTML)</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Output folder</source>
      <translation>Dossier d’export</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Pan down</source>
      <translation>Panoramique vers le bas</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Pan left</source>
      <translation>Panoramique vers la gauche</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Pan right</source>
      <translation>Panoramique vers la droite</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Pan up</source>
      <translation>Panoramique vers le haut</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Pause</source>
      <translation>Pause</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Pictures and clips (*.jpg *.jpeg *.png *.webp *.mp4 *.mov *.m4v *.webm)</source>
      <translation>Images et clips (*.jpg *.jpeg *.png *.webp *.mp4 *.mov *.m4v *.webm)</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Play</source>
      <translation>Lecture</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Play or pause</source>
      <translation>Lecture ou pause</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Play or pause (Ctrl+Space; Space when the text is not being edited)</source>
      <translation>Lecture ou pause (Ctrl+Espace ; Espace hors du texte)</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Playhead</source>
      <translation>Tête de lecture</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>Presets</source>
      <translation>Formats</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Preview canvas</source>
      <translation>Format de l’aperçu</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Preview frame</source>
      <translation>Image de l’aperçu</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Problem</source>
      <translation>Problème</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Problems</source>
      <translation>Problèmes</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Problems ({n})</source>
      <translation>Problèmes ({n})</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Put the playhead on a beat to split it.</source>
      <translation>Placez la tête de lecture sur un moment pour le couper.</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>QA report</source>
      <translation>Rapport de contrôle</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>QA verdict</source>
      <translation>Verdict du contrôle</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Quality check</source>
      <translation>Contrôle qualité</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Recent &amp;files</source>
      <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Redo</source>
      <translation>Rétablir</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Remove the jobs that ended from the list</source>
      <translation>Retirer de la liste les exports terminés</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Rename</source>
      <translation>Renommer</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Rename story</source>
      <translation>Renommer l’histoire</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Rename the selected story</source>
      <translation>Renommer l’histoire choisie</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Render log</source>
      <translation>Journal des exports</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Render queue</source>
      <translation>File d’export</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Render the story for the chosen platforms</source>
      <translation>Exporter l’histoire pour les plateformes choisies</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Render this job again</source>
      <translation>Relancer cet export</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Rendering</source>
      <translation>Export en cours</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Renders running</source>
      <translation>Exports en cours</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Replace {old} with {new}</source>
      <translation>Remplacer {old} par {new}</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Restore</source>
      <translation>Restaurer</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Restore unsaved work?</source>
      <translation>Restaurer le travail non enregistré ?</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Retry</source>
      <translation>Réessayer</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Revert to saved</source>
      <translation>Revenir à la version enregistrée</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Right-click for its motion</source>
      <translation>Clic droit pour choisir son mouvement</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Safe zones</source>
      <translation>Zones sûres</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Save &amp;as…</source>
      <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Save as {name}</source>
      <translation>Enregistrer sous {name}</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Save as…</source>
      <translation>Enregistrer sous…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Save the changes to {name}?</source>
      <translation>Enregistrer les modifications de {name} ?</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Save the new story once: the videos are rendered from its file.</source>
      <translation>Enregistrez une première fois la nouvelle histoire : les vidéos sont rendues à partir de son fichier.</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Save the story as</source>
      <translation>Enregistrer l’histoire sous</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Save the story first</source>
      <translation>Enregistrez d’abord l’histoire</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Save the story once so that its media have a folder to live in.</source>
      <translation>Enregistrez l’histoire une fois pour que ses médias aient un dossier où vivre.</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Saved {name}</source>
      <translation>{name} enregistré</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Select the words to emphasize.</source>
      <translation>Sélectionnez les mots à mettre en valeur.</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Select words of a beat in the text first.</source>
      <translation>Sélectionnez d’abord des mots d’un moment dans le texte.</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Select words of a beat to emphasize them.</source>
      <translation>Sélectionnez des mots d’un moment pour les mettre en valeur.</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Settings</source>
      <translation>Réglages</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Show &amp;safe zones</source>
      <translation>Afficher les &amp;zones sûres</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Show the ffmpeg command and its output</source>
      <translation>Afficher la commande ffmpeg et sa sortie</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>Show the parts of the screen each platform covers with its buttons</source>
      <translation>Montrer les parties de l’écran que chaque plateforme couvre de ses boutons</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Skipped: already rendered</source>
      <translation>Ignoré : déjà exporté</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Something went wrong</source>
      <translation>Un problème est survenu</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Split at the playhead</source>
      <translation>Couper à la tête de lecture</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Split beat {n}</source>
      <translation>Couper le moment {n}</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Split the beat at the playhead</source>
      <translation>Couper le moment à la tête de lecture</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Split the beat under the playhead at the word shown</source>
      <translation>Couper le moment sous la tête de lecture au mot affiché</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Still</source>
      <translation>Immobile</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Stop every render of the queue</source>
      <translation>Arrêter tous les exports de la file</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Stop this render (nothing is written)</source>
      <translation>Arrêter cet export (rien n’est écrit)</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Stopped by user</source>
      <translation>Arrêté par l’utilisateur</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>Stories</source>
      <translation>Histoires</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Stories (*.md *.txt)</source>
      <translation>Histoires (*.md *.txt)</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Stories (*.md)</source>
      <translation>Histoires (*.md)</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>Stories to export</source>
      <translation>Histoires à exporter</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Story details</source>
      <translation>Fiche de l’histoire</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Story file missing</source>
      <translation>Fichier de l’histoire introuvable</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>Story library</source>
      <translation>Bibliothèque d’histoires</translation>
    </message>
    <message>
      <location filename="../../editor.py" />
      <source>Story text</source>
      <translation>Texte de l’histoire</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>System language</source>
      <translation>Langue du système</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>The brand's background (no picture line before these beats)</source>
      <translation>Le fond de la marque (aucune ligne d’image avant ces moments)</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>The front matter cannot be read: fix it in the text.</source>
      <translation>L’en-tête ne peut pas être lu : corrigez-le dans le texte.</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>The last beat has no next beat to join.</source>
      <translation>Le dernier moment n’a pas de moment suivant à réunir.</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>The next beat has its own voice-over or title line: move or remove it first.</source>
      <translation>Le moment suivant a sa propre ligne de voix off ou de titre : déplacez-la ou supprimez-la d’abord.</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" />
      <source>The preset whose canvas is previewed</source>
      <translation>Le format dont l’aperçu montre le cadre</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>The story file</source>
      <translation>Le fichier de l’histoire</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>The story file {path} is gone: restoring opens the text as a new story.</source>
      <translation>Le fichier {path} n’existe plus : restaurer ouvre le texte comme une nouvelle histoire.</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>The timeline is being updated: try again in a moment.</source>
      <translation>La frise se met à jour : réessayez dans un instant.</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>The unsaved text</source>
      <translation>Le texte non enregistré</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>There is no such beat.</source>
      <translation>Ce moment n’existe pas.</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>There is no trash here. Delete “%1” for good?</source>
      <translation>Pas de corbeille ici. Supprimer « %1 » définitivement ?</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>This change would break the story: {reason}</source>
      <translation>Ce changement casserait l’histoire : {reason}</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>This line holds no picture or clip.</source>
      <translation>Cette ligne ne contient ni image ni clip.</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>This story's layout cannot be edited from the timeline: edit it in the text.</source>
      <translation>La mise en page de cette histoire ne peut pas être modifiée depuis la frise : modifiez-la dans le texte.</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Throw away the changes since the last save?</source>
      <translation>Abandonner les modifications depuis le dernier enregistrement ?</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Timeline of beats and captions</source>
      <translation>Frise des temps forts et des sous-titres</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Title</source>
      <translation>Titre</translation>
    </message>
    <message>
      <location filename="../../timeline_edits.py" />
      <source>Trim {name}: {start}–{end} s</source>
      <translation>Découper {name} : {start}–{end} s</translation>
    </message>
    <message>
      <location filename="../../document.py" />
      <source>Typing</source>
      <translation>Saisie</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Undo</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>Unsaved (to restore)</source>
      <translation>Non enregistré (à restaurer)</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>Unsaved changes</source>
      <translation>Modifications non enregistrées</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Up to date</source>
      <translation>À jour</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>Voice-over</source>
      <translation>Voix off</translation>
    </message>
    <message>
      <location filename="../../queue_panel.py" />
      <source>Waiting</source>
      <translation>En attente</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" />
      <source>Warning</source>
      <translation>Avertissement</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>YYYY-MM-DD</source>
      <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Zoom in</source>
      <translation>Zoom avant</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>Zoom out</source>
      <translation>Zoom arrière</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>a new story</source>
      <translation>une nouvelle histoire</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>by whom</source>
      <translation>par qui</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>cannot copy the file</source>
      <translation>impossible de copier le fichier</translation>
    </message>
    <message>
      <location filename="../../document.py" />
      <source>cannot read the story file</source>
      <translation>impossible de lire le fichier de l’histoire</translation>
    </message>
    <message>
      <location filename="../../document.py" />
      <source>cannot save the story</source>
      <translation>impossible d’enregistrer l’histoire</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>characters per second</source>
      <translation>caractères par seconde</translation>
    </message>
    <message>
      <location filename="../../document.py" />
      <source>choose another folder with Save As</source>
      <translation>choisissez un autre dossier avec Enregistrer sous</translation>
    </message>
    <message>
      <location filename="../../document.py" />
      <source>choose where to save the story first</source>
      <translation>choisissez d’abord où enregistrer l’histoire</translation>
    </message>
    <message>
      <location filename="../../story_delegate.py" />
      <source>consent given</source>
      <translation>consentement donné</translation>
    </message>
    <message>
      <location filename="../../story_delegate.py" />
      <source>consent given by %1</source>
      <translation>consentement donné par %1</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>default: {}</source>
      <translation>par défaut : {}</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>ffmpeg program</source>
      <translation>Programme ffmpeg</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>less than a minute ago</source>
      <translation>il y a moins d’une minute</translation>
    </message>
    <message>
      <location filename="../../story_delegate.py" />
      <source>no consent recorded</source>
      <translation>aucun consentement noté</translation>
    </message>
    <message>
      <location filename="../../story_delegate.py" />
      <source>not rendered yet</source>
      <translation>pas encore exportée</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>out of date: the story changed since</source>
      <translation>périmée : l’histoire a changé depuis</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" />
      <source>put the file in the story's folder, or drop it onto the editor</source>
      <translation>mettez le fichier dans le dossier de l’histoire, ou glissez-le sur l’éditeur</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" />
      <source>reading limit</source>
      <translation>limite de lecture</translation>
    </message>
    <message>
      <location filename="../../document.py" />
      <source>save the story as UTF-8</source>
      <translation>enregistrez l’histoire en UTF-8</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>shown on a card before the story</source>
      <translation>affiché sur un carton avant l’histoire</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" />
      <source>shown on the cover</source>
      <translation>affiché sur la couverture</translation>
    </message>
    <message>
      <location filename="../../document.py" />
      <source>story file not found</source>
      <translation>fichier de l’histoire introuvable</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>the ffmpeg shipped with the studio</source>
      <translation>le ffmpeg livré avec le studio</translation>
    </message>
    <message>
      <location filename="../../document.py" />
      <source>the file is not UTF-8 text</source>
      <translation>le fichier n’est pas du texte UTF-8</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>the new story</source>
      <translation>la nouvelle histoire</translation>
    </message>
    <message>
      <location filename="../../export_dialog.py" />
      <source>{name} has unsaved changes: they are saved when you add it to the queue.</source>
      <translation>{name} a des modifications non enregistrées : elles seront enregistrées quand vous l’ajouterez à la file d’attente.</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>{name} was deleted.</source>
      <translation>{name} a été supprimée.</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>{name} was renamed or deleted outside Kindness Studio (it is no longer in {folder}). Save the text again under its old name, or under another name?</source>
      <translation>{name} a été renommée ou supprimée hors de Kindness Studio (elle n’est plus dans {folder}). Enregistrer le texte de nouveau sous son ancien nom, ou sous un autre nom ?</translation>
    </message>
    <message>
      <location filename="../../main_window.py" />
      <source>{name} was renamed or deleted outside Kindness Studio: its text is only in the editor now.</source>
      <translation>{name} a été renommée ou supprimée hors de Kindness Studio : son texte n’est plus que dans l’éditeur.</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>{n} days ago</source>
      <translation>il y a {n} jours</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>{n} h ago</source>
      <translation>il y a {n} h</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" />
      <source>{n} min ago</source>
      <translation>il y a {n} min</translation>
    </message>
    <message>
      <location filename="../../library_panel.py" />
      <source>“%1” cannot be a file name: avoid / \ : * ? " &lt; &gt; | and a leading dot.</source>
      <translation>« %1 » ne peut pas être un nom de fichier : évitez / \ : * ? " &lt; &gt; | et un point au début.</translation>
    </message>
  </context>
</TS>
