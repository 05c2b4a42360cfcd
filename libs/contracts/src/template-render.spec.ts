import { renderTemplate, type TemplateValues } from './template-render';

const fillTemplate = (body: string, values: TemplateValues) => renderTemplate(body, values, { missing: 'keep' });

describe('renderTemplate, shared by the composer and the rules (TPL-1)', () => {
  const values = { 'client.name': 'Maria', 'client.email': 'maria@example.com', 'operator.name': 'Olga', 'ticket.number': 1042 };

  it('substitutes every known variable, each time it appears', () => {
    expect(fillTemplate('Hello {client.name}! I am {operator.name}. {client.name}, your request #{ticket.number}.', values)).toBe(
      'Hello Maria! I am Olga. Maria, your request #1042.',
    );
    expect(fillTemplate('Write to {client.email}', values)).toBe('Write to maria@example.com');
  });

  it('tolerates spaces inside the braces and any letter case', () => {
    expect(fillTemplate('Hi { client.name }, {Operator.Name} here', values)).toBe('Hi Maria, Olga here');
  });

  it('leaves unknown variables as typed', () => {
    expect(fillTemplate('Hi {client.phone} {foo} {client.name}', values)).toBe('Hi {client.phone} {foo} Maria');
  });

  it('leaves a known variable without a value as typed', () => {
    expect(fillTemplate('Email: {client.email}', { 'client.email': null })).toBe('Email: {client.email}');
    expect(fillTemplate('Hi {client.name}', {})).toBe('Hi {client.name}');
  });

  it('does not reinterpret values that look like variables or replacement patterns', () => {
    expect(fillTemplate('{client.name}', { 'client.name': '{operator.name} $& $1' })).toBe('{operator.name} $& $1');
  });

  it('keeps text without variables unchanged', () => {
    expect(fillTemplate('Plain {text} and {}', values)).toBe('Plain {text} and {}');
  });

  it('for a text sent as it is (a rule\'s reply), a known variable without a value is left out', () => {
    expect(renderTemplate('Hi {client.name}, write to {client.email}.', { 'client.name': 'Maria', 'client.email': null }, { missing: 'drop' })).toBe(
      'Hi Maria, write to .',
    );
    expect(renderTemplate('Keep {foo} as typed', {}, { missing: 'drop' })).toBe('Keep {foo} as typed');
  });
});
