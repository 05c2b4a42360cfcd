import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { EmployeeEntity } from './entities/employee.entity';

export interface NewEmployee {
  email: string;
  name: string;
  passwordHash: string;
}

@Injectable()
export class EmployeesService {
  constructor(@InjectRepository(EmployeeEntity) private readonly employees: Repository<EmployeeEntity>) {}

  findByEmail(email: string): Promise<EmployeeEntity | null> {
    return this.employees.findOneBy({ email: email.trim().toLowerCase() });
  }

  findById(id: string): Promise<EmployeeEntity | null> {
    return this.employees.findOneBy({ id });
  }

  count(): Promise<number> {
    return this.employees.count();
  }

  create(input: NewEmployee): Promise<EmployeeEntity> {
    return this.employees.save(this.employees.create({ ...input, email: input.email.trim().toLowerCase() }));
  }
}
