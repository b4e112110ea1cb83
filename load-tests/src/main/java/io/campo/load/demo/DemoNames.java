package io.campo.load.demo;

import java.util.List;

/** The demo agents' names: Spanish-speaking collectors, as the dispatcher will see them on the map. */
final class DemoNames {

  private static final List<String> NAMES = List.of(
      "María Guadalupe Hernández", "José Luis García", "Ana Sofía Martínez", "Juan Carlos López", "Verónica Ramírez",
      "Miguel Ángel Torres", "Fernanda Castillo", "Luis Alberto Flores", "Daniela Morales", "Jorge Sánchez",
      "Gabriela Ortiz", "Ricardo Mendoza", "Alejandra Vázquez", "Francisco Javier Cruz", "Paola Reyes",
      "Eduardo Jiménez", "Mariana Gutiérrez", "Roberto Aguilar", "Claudia Romero", "Héctor Ruiz",
      "Karla Domínguez", "Arturo Salazar", "Lucía Navarro", "Sergio Medina", "Adriana Herrera",
      "Raúl Vargas", "Patricia Castro", "Óscar Rojas", "Diana Guerrero", "Alejandro Méndez",
      "Rosa María Ríos", "Fernando Delgado", "Elena Contreras", "Manuel Estrada", "Isabel Peña",
      "Andrés Cabrera", "Valeria Fuentes", "Enrique Sandoval", "Silvia Cortés", "Jesús Ibarra",
      "Mónica Luna", "Pedro Álvarez", "Laura Acosta", "Rafael Espinoza", "Teresa Cárdenas",
      "Antonio Maldonado", "Beatriz Campos", "Gerardo Núñez", "Carmen Zamora", "Víctor Manuel Soto");

  private DemoNames() {}

  static int count() {
    return NAMES.size();
  }

  /** The name of the {@code index}-th agent, from 0. */
  static String of(int index) {
    return NAMES.get(index);
  }
}
