import { useRef, useState } from 'preact/hooks';
import { Icon } from '../../components/Icon.tsx';
import { QrCode } from '../../components/QrCode.tsx';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { groupLinks, useLinkOrigin } from '../../models/links.ts';

interface Props {
  code: string;
  facilitatorKey: string;
}

/** Links to share: members' phones (with a QR code), the projector, a co-facilitator. */
export function ShareLinks({ code, facilitatorKey }: Props) {
  const words = useConsoleWords();
  const say = words.links;
  const links = groupLinks(code, facilitatorKey, useLinkOrigin(code));
  return (
    <section class="panel" aria-labelledby="links-title">
      <h2 id="links-title">{say.title}</h2>
      <p class="share__code">
        {words.code} <strong>{code}</strong>
      </p>
      <CopyField id="link-member" label={say.member} value={links.member} />
      <details class="share__qr">
        <summary>{say.qr}</summary>
        <QrCode text={links.member} label={say.qrOf(links.member)} class="share__qr-image" />
      </details>
      <CopyField id="link-display" label={say.display} value={links.display} />
      <details class="share__cofacilitator">
        <summary>{say.cofacilitator}</summary>
        <p class="hint">{say.cofacilitatorHint}</p>
        <CopyField id="link-cofacilitator" label={say.console} value={links.facilitator} />
      </details>
    </section>
  );
}

interface CopyProps {
  id: string;
  label: string;
  value: string;
}

function CopyField({ id, label, value }: CopyProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const say = useConsoleWords().links;
  const [note, setNote] = useState('');
  const selectText = () => {
    input.current?.focus();
    input.current?.select();
    setNote(say.selected);
  };
  const copy = () => {
    if (!navigator.clipboard) return selectText();
    navigator.clipboard.writeText(value).then(() => setNote(say.copied), selectText);
  };
  return (
    <div class="share__field">
      <div class="share__head">
        <label for={id}>{label}</label>
        <button type="button" class="button share__copy" onClick={copy}>
          <Icon name="copy" />
          {say.copy}
        </button>
      </div>
      {/* A text area the panel's full width, wrapping: the whole link shows, code included. */}
      <textarea
        ref={input}
        id={id}
        readOnly
        rows={1}
        spellcheck={false}
        value={value}
        onFocus={(event) => event.currentTarget.select()}
      />
      <p class="share__note" role="status">
        {note}
      </p>
    </div>
  );
}
