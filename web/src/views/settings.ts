/**
 * Settings (issue 19, items 10 and 12), once CLI only: the alert rules (switch on or off, tune), where alerts go
 * (channels: add, change, remove) and the seller's carrier API accounts. A stored secret is never shown back —
 * the API masks channel URLs and says of a credential only whether it is set and since when — so a form field
 * left empty keeps what is stored.
 */
import { ApiError } from '../api.js';
import type { AlertChannel, AlertRule, ChannelInput, CredentialState, OpsApi } from '../ops-api.js';
import { byId, h, replaceChildren } from '../dom.js';
import { dateTime } from '../format.js';

const CARRIER_FIELDS = [
  { name: 'clientId', label: 'Client id' },
  { name: 'clientSecret', label: 'Client secret' },
  { name: 'apiKey', label: 'API key' },
  { name: 'merchantId', label: 'Merchant or account id' },
  { name: 'baseUrl', label: 'API base URL (only for a sandbox or a proxy)' },
] as const;

const CREDENTIAL_NAMES: Readonly<Record<string, string>> = { ups: 'UPS', fedex: 'FedEx', usps: 'USPS', dhl: 'DHL', amazon: 'Amazon SP-API' };

function errorText(error: unknown): string {
  return error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
}

/** Where a form says how it went: polite, next to the form. */
function statusLine(id: string): HTMLParagraphElement {
  return h('p', { id, class: 'form-status', role: 'status' });
}

function say(line: HTMLElement, text: string, failed = false): void {
  line.textContent = text;
  line.classList.toggle('error', failed);
}

function channelTarget(channel: AlertChannel): string {
  const config = channel.config as Record<string, unknown> | undefined;
  if (!config) return '';
  if (channel.kind === 'email') return `${String(config.from ?? '')} → ${Array.isArray(config.to) ? config.to.join(', ') : ''}`;
  return String(config.url ?? '');
}

export class SettingsView {
  private readonly rulesStatus = statusLine('rules-status');
  private readonly channelsStatus = statusLine('channels-status');
  private readonly credentialsStatus = statusLine('credentials-status');
  private editing: AlertChannel | null = null;
  private readonly channelForm = h('form', { id: 'channel-form', class: 'settings-form', 'aria-labelledby': 'channel-form-title' });
  private readonly credentialForm = h('form', { id: 'credential-form', class: 'settings-form', 'aria-labelledby': 'credential-form-title' });

  constructor(private readonly api: OpsApi) {
    this.renderChannelForm();
    this.renderCredentialForm();
    // The forms' places on the page (index.html holds the section and its lists).
    byId('channels-form-slot').replaceChildren(this.channelForm);
    byId('credentials-form-slot').replaceChildren(this.credentialForm);
  }

  async load(): Promise<void> {
    await Promise.all([this.loadRules(), this.loadChannels(), this.loadCredentials()]);
  }

  private async loadRules(): Promise<void> {
    try {
      this.renderRules(await this.api.rules());
    } catch (error) {
      replaceChildren(byId('rules-list'), h('li', { class: 'error' }, errorText(error)));
    }
  }

  private renderRules(rules: readonly AlertRule[]): void {
    const items = rules.map((rule) => {
      const id = `rule-${rule.ruleId}`;
      const enabled = h('input', { type: 'checkbox', id: `${id}-enabled`, checked: rule.enabled });
      const params = Object.entries(rule.params).map(([name, value]) => {
        const input = h('input', { type: 'number', id: `${id}-${name}`, name, value: String(value), min: 0, step: 'any', required: true, inputmode: 'decimal' });
        return { name, input, field: h('div', { class: 'field' }, h('label', { for: `${id}-${name}` }, name), input) };
      });
      const form = h(
        'form',
        { class: 'rule-form', 'data-rule': rule.ruleId, 'aria-labelledby': `${id}-title` },
        h('h4', { id: `${id}-title` }, rule.ruleId),
        rule.description ? h('p', { class: 'muted small' }, rule.description) : null,
        h('div', { class: 'field checkbox' }, enabled, h('label', { for: `${id}-enabled` }, 'On')),
        ...params.map((p) => p.field),
        h('button', { type: 'submit', class: 'button' }, `Save ${rule.ruleId}`),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const change = { enabled: enabled.checked, params: Object.fromEntries(params.map((p) => [p.name, Number(p.input.value)])) };
        void this.api.updateRule(rule.ruleId, change).then(
          (saved) => say(this.rulesStatus, `Saved ${saved.ruleId}: ${saved.enabled ? 'on' : 'off'}.`),
          (error: unknown) => say(this.rulesStatus, `${rule.ruleId} not saved: ${errorText(error)}`, true),
        );
      });
      return h('li', {}, form);
    });
    replaceChildren(byId('rules-list'), ...items);
    byId('rules-list').after(this.rulesStatus);
  }

  private async loadChannels(): Promise<void> {
    try {
      this.renderChannels(await this.api.channels());
    } catch (error) {
      replaceChildren(byId('channels-list'), h('li', { class: 'error' }, errorText(error)));
    }
  }

  private renderChannels(channels: readonly AlertChannel[]): void {
    const list = byId('channels-list');
    if (channels.length === 0) {
      replaceChildren(list, h('li', { class: 'muted' }, 'No channel yet: alerts show on this page only.'));
    } else {
      replaceChildren(list, ...channels.map((channel) => {
        const edit = h('button', { type: 'button', class: 'button' }, `Change ${channel.kind} channel ${channel.channelId}`);
        const remove = h('button', { type: 'button', class: 'button danger' }, `Remove ${channel.kind} channel ${channel.channelId}`);
        edit.addEventListener('click', () => {
          this.editing = channel;
          this.renderChannelForm();
          this.channelForm.querySelector<HTMLElement>('input, select')?.focus();
        });
        remove.addEventListener('click', () => {
          if (!window.confirm(`Remove the ${channel.kind} channel ${channel.channelId}? Its unsent alerts go with it.`)) return;
          void this.api.removeChannel(channel.channelId).then(
            () => {
              say(this.channelsStatus, `Removed ${channel.channelId}.`);
              void this.loadChannels();
            },
            (error: unknown) => say(this.channelsStatus, errorText(error), true),
          );
        });
        return h(
          'li',
          { class: 'channel', 'data-channel': channel.channelId },
          h('span', { class: 'channel-kind' }, channel.kind),
          h('span', { class: 'mono channel-target' }, channelTarget(channel)),
          h('span', { class: 'channel-actions' }, edit, remove),
        );
      }));
    }
    list.after(this.channelsStatus);
  }

  /** One form adds a channel or, after "Change", edits one: its secret fields then say that empty keeps them. */
  private renderChannelForm(): void {
    const editing = this.editing;
    const kind = h(
      'select',
      { id: 'channel-kind', name: 'kind', disabled: editing !== null },
      ...['slack', 'webhook', 'email'].map((k) => h('option', { value: k, selected: editing?.kind === k }, k === 'email' ? 'E-mail' : k === 'slack' ? 'Slack' : 'Webhook (signed)')),
    );
    const keep = editing ? 'Leave empty to keep the stored one' : '';
    const field = (name: string, label: string, type: string, kinds: readonly string[], extra: Record<string, string | boolean> = {}) => {
      const input = h('input', { id: `channel-${name}`, name, type, autocomplete: 'off', placeholder: keep && ['url', 'secret', 'smtpUrl'].includes(name) ? keep : '', ...extra });
      const wrap = h('div', { class: 'field', 'data-kinds': kinds.join(' ') }, h('label', { for: `channel-${name}` }, label), input);
      return { name, input, wrap, kinds };
    };
    const config = (editing?.config ?? {}) as Record<string, unknown>;
    const fields = [
      field('url', 'URL (its token is kept secret)', 'url', ['slack', 'webhook']),
      field('secret', 'Signing secret, 16 characters or more', 'password', ['webhook']),
      field('smtpUrl', 'SMTP URL (smtps://user:password@host)', 'password', ['email']),
      field('from', 'From address', 'email', ['email'], { value: String(config.from ?? '') }),
      field('to', 'To addresses, comma-separated', 'text', ['email'], { value: Array.isArray(config.to) ? config.to.join(', ') : '' }),
    ];
    const showKind = (): void => {
      for (const f of fields) f.wrap.hidden = !f.kinds.includes(kind.value);
    };
    kind.addEventListener('change', showKind);
    showKind();
    const cancel = h('button', { type: 'button', class: 'button', hidden: editing === null }, 'Cancel the change');
    cancel.addEventListener('click', () => {
      this.editing = null;
      this.renderChannelForm();
    });
    replaceChildren(
      this.channelForm,
      h('h4', { id: 'channel-form-title' }, editing ? `Change channel ${editing.channelId}` : 'Add a channel'),
      h('div', { class: 'field' }, h('label', { for: 'channel-kind' }, 'Kind'), kind),
      ...fields.map((f) => f.wrap),
      h('button', { type: 'submit', class: 'button primary' }, editing ? 'Save the channel' : 'Add the channel'),
      cancel,
    );
    this.channelForm.onsubmit = (event) => {
      event.preventDefault();
      const input: Record<string, unknown> = editing ? {} : { kind: kind.value };
      for (const f of fields) {
        if (!f.kinds.includes(kind.value)) continue;
        const value = f.input.value.trim();
        if (value === '') continue;
        input[f.name] = f.name === 'to' ? value.split(',').map((a) => a.trim()).filter(Boolean) : value;
      }
      const saving = editing ? this.api.updateChannel(editing.channelId, input as ChannelInput) : this.api.addChannel(input as ChannelInput);
      void saving.then(
        (saved) => {
          say(this.channelsStatus, `${editing ? 'Saved' : 'Added'} ${saved.kind} channel ${saved.channelId}.`);
          this.editing = null;
          this.renderChannelForm();
          void this.loadChannels();
        },
        (error: unknown) => say(this.channelsStatus, `Not saved: ${errorText(error)}`, true),
      );
    };
  }

  private async loadCredentials(): Promise<void> {
    try {
      this.renderCredentials(await this.api.credentials());
    } catch (error) {
      replaceChildren(byId('credentials-list'), h('li', { class: 'error' }, errorText(error)));
    }
  }

  private renderCredentials(states: readonly CredentialState[]): void {
    const list = byId('credentials-list');
    replaceChildren(list, ...states.map((state) => {
      const name = CREDENTIAL_NAMES[state.name] ?? state.name;
      const forget = state.set && state.name !== 'amazon' ? h('button', { type: 'button', class: 'button danger' }, `Forget the ${name} account`) : null;
      forget?.addEventListener('click', () => {
        void this.api.removeCarrierCredentials(state.name).then(
          () => {
            say(this.credentialsStatus, `Forgot the ${name} account.`);
            void this.loadCredentials();
          },
          (error: unknown) => say(this.credentialsStatus, errorText(error), true),
        );
      });
      return h(
        'li',
        { class: 'credential', 'data-credential': state.name },
        h('span', { class: 'credential-name' }, name),
        h('span', {}, state.set ? `Set · changed ${dateTime(state.updatedAt)}` : state.name === 'amazon' ? 'Not connected (vtrguard amazon connect)' : 'Not set'),
        forget,
      );
    }));
    list.after(this.credentialsStatus);
  }

  private renderCredentialForm(): void {
    const carrier = h('select', { id: 'credential-carrier', name: 'carrier' }, ...['ups', 'fedex', 'usps', 'dhl'].map((c) => h('option', { value: c }, CREDENTIAL_NAMES[c] ?? c)));
    const inputs = CARRIER_FIELDS.map((f) => ({
      name: f.name,
      input: h('input', { id: `credential-${f.name}`, name: f.name, type: f.name === 'baseUrl' ? 'url' : 'password', autocomplete: 'off' }),
      label: f.label,
    }));
    replaceChildren(
      this.credentialForm,
      h('h4', { id: 'credential-form-title' }, 'Set a carrier API account'),
      h('p', { class: 'muted small' }, 'Stored encrypted and never shown again; it replaces the account the server\'s environment gives for this seller.'),
      h('div', { class: 'field' }, h('label', { for: 'credential-carrier' }, 'Carrier'), carrier),
      ...inputs.map((i) => h('div', { class: 'field' }, h('label', { for: `credential-${i.name}` }, i.label), i.input)),
      h('button', { type: 'submit', class: 'button primary' }, 'Save the account'),
    );
    this.credentialForm.onsubmit = (event) => {
      event.preventDefault();
      const body = Object.fromEntries(inputs.filter((i) => i.input.value.trim() !== '').map((i) => [i.name, i.input.value.trim()]));
      void this.api.setCarrierCredentials(carrier.value, body).then(
        (state) => {
          // The values leave the page as soon as they are stored.
          for (const i of inputs) i.input.value = '';
          say(this.credentialsStatus, `Saved the ${CREDENTIAL_NAMES[state.name] ?? state.name} account.`);
          void this.loadCredentials();
        },
        (error: unknown) => say(this.credentialsStatus, `Not saved: ${errorText(error)}`, true),
      );
    };
  }
}
