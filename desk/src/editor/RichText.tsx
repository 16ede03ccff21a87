import { useEffect } from 'react';
import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { EditorContent, Extension, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { useDesk } from '../desk';
import type { Label } from '../i18n';

// Only what the service's sanitiser keeps (src/Nejat.Cms.Api/Text/HtmlSanitizing.cs): paragraphs, headings,
// bold, italic, strike (<s>), code, pre, quotes, lists, rules, line breaks and links without target/rel/class,
// so the HTML the editor writes is the HTML the API stores (Desk/DeskBrowserTests checks the round trip).
const extensions = [
  StarterKit.configure({ heading: { levels: [2, 3, 4] } }),
  Link.configure({ openOnClick: false, autolink: false, HTMLAttributes: { target: null, rel: null, class: null } }),
];

/** Shift+Space types U+200C (zero-width non-joiner), as on the Persian keyboard, in right-to-left editions. */
const ZeroWidthNonJoiner = Extension.create({
  name: 'zeroWidthNonJoiner',
  addKeyboardShortcuts() {
    return { 'Shift-Space': () => this.editor.commands.insertContent('\u200c') };
  },
});

export interface RichTextProps {
  html: string;
  onChange: (html: string) => void;
  direction: 'ltr' | 'rtl';
  lang: string;
  label: string;
}

export function RichText({ html, onChange, direction, lang, label }: RichTextProps) {
  const editor = useEditor({
    extensions: direction === 'rtl' ? [...extensions, ZeroWidthNonJoiner] : extensions,
    content: html,
    editorProps: { attributes: { dir: direction, lang, 'aria-label': label, role: 'textbox', 'aria-multiline': 'true' } },
    onUpdate: ({ editor: e }) => onChange(e.getHTML()),
  });

  // Content replaced from outside (a restored draft, their version taken after a conflict).
  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.getHTML() !== html) editor.commands.setContent(html, false);
  }, [editor, html]);

  return (
    <div className="rich-text">
      {editor && <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useDesk();
  const buttons: { name: string; label: Label; text: string; run: () => void; active?: boolean }[] = [
    { name: 'bold', label: 'bold', text: 'B', run: () => editor.chain().focus().toggleBold().run() },
    { name: 'italic', label: 'italic', text: 'I', run: () => editor.chain().focus().toggleItalic().run() },
    { name: 'strike', label: 'strike', text: 'S', run: () => editor.chain().focus().toggleStrike().run() },
    { name: 'heading2', label: 'heading2', text: 'H2', run: () => editor.chain().focus().toggleHeading({ level: 2 }).run(), active: editor.isActive('heading', { level: 2 }) },
    { name: 'heading3', label: 'heading3', text: 'H3', run: () => editor.chain().focus().toggleHeading({ level: 3 }).run(), active: editor.isActive('heading', { level: 3 }) },
    { name: 'bulletList', label: 'bulletList', text: '•', run: () => editor.chain().focus().toggleBulletList().run() },
    { name: 'orderedList', label: 'orderedList', text: '1.', run: () => editor.chain().focus().toggleOrderedList().run() },
    { name: 'blockquote', label: 'quote', text: '❝', run: () => editor.chain().focus().toggleBlockquote().run() },
    {
      name: 'link',
      label: 'link',
      text: 'URL',
      run: () => {
        const href = window.prompt(t('linkPrompt'), editor.getAttributes('link').href ?? 'https://');
        if (href === null) return;
        if (href === '') editor.chain().focus().unsetLink().run();
        else editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
      },
    },
  ];
  return (
    <Group gap={4} mb={4} role="toolbar" aria-label={t('body')}>
      {buttons.map((b) => (
        <Tooltip key={b.name} label={t(b.label)}>
          <ActionIcon w="auto" miw={28} px={6} variant={(b.active ?? editor.isActive(b.name)) ? 'filled' : 'default'} aria-label={t(b.label)} aria-pressed={b.active ?? editor.isActive(b.name)} onClick={b.run}>
            <span aria-hidden="true">{b.text}</span>
          </ActionIcon>
        </Tooltip>
      ))}
    </Group>
  );
}
