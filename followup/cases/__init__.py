"""The rules of each case, one module per case: what the generator, the chapter, the exercise checks and
the calculator all call (the loaders in :mod:`followup.datasets` only read and validate the files).

- :mod:`followup.cases.retail_replenishment`: the policies compared and the stores' own KPIs (chapter 1, S1.1)
- :mod:`followup.cases.npd_launch`: the acceptance plans of the charter's yield, the cost of a design change
  by milestone (chapter 1, S1.2)
- :mod:`followup.cases.pipeline`: welding productivity and options, the rain window (chapter 2, S2.2)
- :mod:`followup.cases.fleet_pulse`: the peak season of the fleet (chapter 3, S3.1)
- :mod:`followup.cases.hualong_crane`: the lift replay, the dome network, crane holds, priority rules and
  the project profile of the crane clash (chapter 3, S3.2)
- :mod:`followup.cases.dealership_4s`: the typical loan request (chapter 5, S5.1)
- :mod:`followup.cases.chip_war_room`: the functional period's team and decision chain (chapter 5, S5.2)
"""
