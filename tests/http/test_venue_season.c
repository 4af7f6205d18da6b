#include "harness.h"
int main(void){h_start(); return h_finish();}
