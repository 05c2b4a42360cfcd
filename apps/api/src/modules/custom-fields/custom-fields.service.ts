import { ErrorCode, customFieldInputSchema, type CustomField, type CustomFieldInput, type CustomValues } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { isUniqueViolation } from '../../common/sql';
import { CustomFieldEntity } from './entities/custom-field.entity';

const toField = (f: CustomFieldEntity): CustomField => ({
  id: f.id,
  entity: f.entity,
  key: f.key,
  label: f.label,
  type: f.type,
  options: f.options,
  position: f.position,
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** WORK-4: fields an administrator adds to clients and tickets, and the check of their values. */
@Injectable()
export class CustomFieldsService {
  constructor(@InjectRepository(CustomFieldEntity) private readonly fields: Repository<CustomFieldEntity>) {}

  async list(): Promise<CustomField[]> {
    return (await this.fields.find({ order: { entity: 'ASC', position: 'ASC', label: 'ASC' } })).map(toField);
  }

  async create(input: CustomFieldInput): Promise<CustomField> {
    const data = customFieldInputSchema.parse(input);
    try {
      return toField(await this.fields.save(this.fields.create(data)));
    } catch (error) {
      if (isUniqueViolation(error, 'custom_fields_entity_key_key')) throw new AppError(ErrorCode.CustomFieldTaken, `A ${data.entity} field "${data.key}" exists already`);
      throw error;
    }
  }

  async update(id: string, input: CustomFieldInput): Promise<CustomField> {
    const data = customFieldInputSchema.parse(input);
    const current = await this.fields.findOneBy({ id });
    if (!current) throw new AppError(ErrorCode.CustomFieldNotFound, 'Field not found');
    if (current.key !== data.key || current.entity !== data.entity) {
      throw new AppError(ErrorCode.ValidationFailed, 'A field keeps its key and what it belongs to; create a new field instead');
    }
    await this.fields.update({ id }, { label: data.label, type: data.type, options: data.options, position: data.position });
    return toField(await this.fields.findOneByOrFail({ id }));
  }

  async remove(id: string): Promise<void> {
    const result = await this.fields.delete({ id });
    if (!result.affected) throw new AppError(ErrorCode.CustomFieldNotFound, 'Field not found');
  }

  /** Checks values against the defined fields; an unknown key or a value of the wrong type is refused. */
  async validate(entity: 'client' | 'ticket', values: CustomValues): Promise<CustomValues> {
    const fields = new Map((await this.fields.findBy({ entity })).map((f) => [f.key, f]));
    const out: CustomValues = {};
    for (const [key, value] of Object.entries(values)) {
      const field = fields.get(key);
      if (!field) throw new AppError(ErrorCode.CustomFieldNotFound, `There is no ${entity} field "${key}"`);
      if (value === null || value === '') {
        out[key] = null;
        continue;
      }
      const bad = (what: string) => new AppError(ErrorCode.ValidationFailed, `${field.label}: ${what}`);
      switch (field.type) {
        case 'text':
          if (typeof value !== 'string' || value.length > 1000) throw bad('a text of at most 1000 characters');
          break;
        case 'number':
          if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a number');
          break;
        case 'date':
          if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) throw bad('a date (YYYY-MM-DD)');
          break;
        case 'list':
          if (typeof value !== 'string' || !field.options.includes(value)) throw bad(`one of: ${field.options.join(', ')}`);
          break;
      }
      out[key] = value;
    }
    return out;
  }
}
