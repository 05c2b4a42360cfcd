import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { EmployeePrincipal } from '../../common/principal';
import { DepartmentEntity } from './entities/department.entity';

@Injectable()
export class DepartmentsService {
  constructor(@InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>) {}

  create(name: string): Promise<DepartmentEntity> {
    return this.departments.save(this.departments.create({ name }));
  }

  findByName(name: string): Promise<DepartmentEntity | null> {
    return this.departments.findOneBy({ name });
  }

  /**
   * The departments whose tickets an employee may see. In the foundation every employee works in every
   * department; access rights (CORE-2, PERM-6) narrow this.
   */
  async visibleIds(_employee: EmployeePrincipal): Promise<string[]> {
    const rows = await this.departments.find({ select: { id: true } });
    return rows.map((r) => r.id);
  }
}
