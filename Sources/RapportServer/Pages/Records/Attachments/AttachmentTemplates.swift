/// The Attachments panel, rendered on its own and placed into every record page.
enum AttachmentTemplates: PageTemplateSet {
    static let all: [String: String] = ["attachments": attachments]

    static let attachments = """
        <section aria-labelledby="attachments-heading" id="attachments" class="attachments">
        <h2 id="attachments-heading">{{t.attachments}}{{#count}} <span class="count">{{count}}</span>{{/count}}</h2>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#has_files}}<ul class="files">{{#files}}<li>
        <a class="file-name" href="{{href}}" download title="{{t.attachment_download}}">{{name}}</a>
        <span class="meta">{{meta}} · <time datetime="{{at}}">{{when}}</time></span>
        {{#canDelete}}<form method="post" action="{{deleteAction}}" data-confirm="{{t.attachment_delete_confirm}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link-danger" type="submit" aria-label="{{t.delete}}: {{name}}">{{t.delete}}</button></form>{{/canDelete}}
        </li>{{/files}}</ul>{{/has_files}}
        {{^has_files}}<p class="meta">{{t.no_attachments}}</p>{{/has_files}}
        {{#canAdd}}<form method="post" action="{{action}}" enctype="multipart/form-data" class="upload">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="attachment-file">{{t.attachment_choose}}</label>
        <input id="attachment-file" name="file" type="file" required{{#error}} aria-invalid="true" aria-describedby="attachment-error"{{/error}}>
        {{#error}}<p class="field-error" id="attachment-error" role="alert">{{error}}</p>{{/error}}
        <p class="hint">{{limitHint}}</p>
        <button class="secondary" type="submit">{{t.attachment_upload}}</button>
        </form>{{/canAdd}}
        </section>
        """
}
