/// The Attachments panel's styles: file names wrap anywhere (long names without spaces,
/// Korean and Japanese names) while Korean sentences break between words (`keep-all`;
/// Japanese has no spaces, so it keeps the default), the delete button reads as a quiet link, and only the
/// design system's colour variables are used, so a dark theme carries over.
enum AttachmentStyles {
    static let css = """
        .attachments .count { color: var(--muted); font-weight: 400; font-size: .9rem; margin-left: 4px; }
        .attachments ul.files { list-style: none; margin: 0 0 8px; padding: 0; }
        .attachments ul.files li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 12px; padding: 8px 0; border-bottom: 1px solid var(--line); }
        .attachments ul.files li:last-child { border-bottom: 0; }
        .attachments .file-name { font-weight: 600; overflow-wrap: anywhere; word-break: normal; min-width: 0; flex: 1 1 12rem; }
        .attachments ul.files .meta { color: var(--muted); font-size: .875rem; }
        .attachments ul.files form { margin: 0 0 0 auto; }
        .attachments button.link-danger { margin: 0; min-height: 32px; padding: 4px 8px; background: none; border: 0; color: var(--bad); font-weight: 600; text-decoration: underline; }
        .attachments form.upload input[type=file] { display: block; width: 100%; padding: 8px 0; font: inherit; }
        .attachments form.upload button { margin-top: 8px; }
        :lang(ko) .attachments .field-error, :lang(ko) .attachments .hint, :lang(ko) .attachments > p { word-break: keep-all; }
        .timeline .entry-files { list-style: none; margin: 4px 0 0; padding: 0; font-size: .9rem; }
        .timeline .entry-files a { overflow-wrap: anywhere; }
        """
}
