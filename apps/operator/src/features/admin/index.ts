export { DepartmentsPage } from './routes/departments-page';
export { EmployeesPage } from './routes/employees-page';
export { GroupsPage } from './routes/groups-page';
