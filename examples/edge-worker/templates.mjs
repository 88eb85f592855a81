// The business's approved templates, as GET /{WABA_ID}/message_templates returns them.
// A real worker would refresh them from KV or the Graph API; an example keeps them inline.
export default {
 "data": [
  {
   "id": "101",
   "name": "order_update",
   "language": "en_US",
   "status": "APPROVED",
   "category": "UTILITY",
   "components": [
    {
     "type": "HEADER",
     "format": "TEXT",
     "text": "Order {{1}}",
     "example": {
      "header_text": [
       "A-1001"
      ]
     }
    },
    {
     "type": "BODY",
     "text": "Hi {{1}}, your order {{2}} ships on {{3}}.",
     "example": {
      "body_text": [
       [
        "Ana",
        "A-1001",
        "Monday"
       ]
      ]
     }
    },
    {
     "type": "FOOTER",
     "text": "Example Shop"
    },
    {
     "type": "BUTTONS",
     "buttons": [
      {
       "type": "URL",
       "text": "Track",
       "url": "https://shop.example.com/track/{{1}}",
       "example": [
        "https://shop.example.com/track/A-1001"
       ]
      },
      {
       "type": "QUICK_REPLY",
       "text": "Help"
      }
     ]
    }
   ]
  },
  {
   "id": "102",
   "name": "order_update",
   "language": "it",
   "status": "APPROVED",
   "category": "UTILITY",
   "components": [
    {
     "type": "HEADER",
     "format": "TEXT",
     "text": "Ordine {{1}}",
     "example": {
      "header_text": [
       "A-1001"
      ]
     }
    },
    {
     "type": "BODY",
     "text": "Ciao {{1}}, il tuo ordine {{2}} parte {{3}}.",
     "example": {
      "body_text": [
       [
        "Giulia",
        "A-1001",
        "lunedì"
       ]
      ]
     }
    },
    {
     "type": "BUTTONS",
     "buttons": [
      {
       "type": "URL",
       "text": "Traccia",
       "url": "https://shop.example.com/track/{{1}}",
       "example": [
        "https://shop.example.com/track/A-1001"
       ]
      },
      {
       "type": "QUICK_REPLY",
       "text": "Aiuto"
      }
     ]
    }
   ]
  },
  {
   "id": "103",
   "name": "promo_paused",
   "language": "en_US",
   "status": "PAUSED",
   "category": "MARKETING",
   "components": [
    {
     "type": "BODY",
     "text": "Our summer sale is on, see you soon."
    }
   ]
  },
  {
   "id": "104",
   "name": "promo_disabled",
   "language": "en_US",
   "status": "DISABLED",
   "category": "MARKETING",
   "components": [
    {
     "type": "BODY",
     "text": "Our winter sale is on, see you soon."
    }
   ]
  },
  {
   "id": "105",
   "name": "promo_pending",
   "language": "en_US",
   "status": "PENDING",
   "category": "MARKETING",
   "components": [
    {
     "type": "BODY",
     "text": "Our spring sale is on, see you soon."
    }
   ]
  },
  {
   "id": "106",
   "name": "cita",
   "language": "es",
   "status": "APPROVED",
   "category": "UTILITY",
   "parameter_format": "NAMED",
   "components": [
    {
     "type": "BODY",
     "text": "Hola {{first_name}}, su cita es el {{date}} en nuestra clínica.",
     "example": {
      "body_text_named_params": [
       {
        "param_name": "first_name",
        "example": "Lucía"
       },
       {
        "param_name": "date",
        "example": "12 de mayo"
       }
      ]
     }
    }
   ]
  },
  {
   "id": "107",
   "name": "login_code",
   "language": "en_US",
   "status": "APPROVED",
   "category": "AUTHENTICATION",
   "components": [
    {
     "type": "BODY",
     "text": "*{{1}}* is your verification code. For your security, do not share this code.",
     "add_security_recommendation": true
    },
    {
     "type": "FOOTER",
     "text": "This code expires in 10 minutes.",
     "code_expiration_minutes": 10
    },
    {
     "type": "BUTTONS",
     "buttons": [
      {
       "type": "URL",
       "text": "Copy code",
       "url": "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code_expiration_minutes=10&cta_display_name=Copy%20code&code=otp{{1}}",
       "example": [
        "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp123456"
       ]
      }
     ]
    }
   ]
  },
  {
   "id": "108",
   "name": "cupom_verao",
   "language": "pt_BR",
   "status": "APPROVED",
   "category": "MARKETING",
   "components": [
    {
     "type": "HEADER",
     "format": "IMAGE",
     "example": {
      "header_handle": [
       "https://scontent.example/verao.jpg"
      ]
     }
    },
    {
     "type": "BODY",
     "text": "Olá {{1}}, use o cupom abaixo e ganhe 20% de desconto.",
     "example": {
      "body_text": [
       [
        "Ana"
       ]
      ]
     }
    },
    {
     "type": "BUTTONS",
     "buttons": [
      {
       "type": "COPY_CODE",
       "example": "VERAO20"
      },
      {
       "type": "QUICK_REPLY",
       "text": "Parar promoções"
      }
     ]
    }
   ]
  },
  {
   "id": "109",
   "name": "pickup_point",
   "language": "en_US",
   "status": "APPROVED",
   "category": "UTILITY",
   "components": [
    {
     "type": "HEADER",
     "format": "LOCATION"
    },
    {
     "type": "BODY",
     "text": "Your parcel is waiting for you at this pickup point."
    }
   ]
  },
  {
   "id": "110",
   "name": "payment_due",
   "language": "en_US",
   "status": "APPROVED",
   "category": "UTILITY",
   "components": [
    {
     "type": "BODY",
     "text": "Your total of {{1}} is due on {{2}}, thank you.",
     "example": {
      "body_text": [
       [
        "$10.50",
        "June 1"
       ]
      ]
     }
    }
   ]
  },
  {
   "id": "111",
   "name": "short_note",
   "language": "en_US",
   "status": "APPROVED",
   "category": "UTILITY",
   "components": [
    {
     "type": "BODY",
     "text": "Note for you: {{1}} thanks.",
     "example": {
      "body_text": [
       [
        "all good"
       ]
      ]
     }
    }
   ]
  },
  {
   "id": "112",
   "name": "viaggi_estate",
   "language": "it",
   "status": "APPROVED",
   "category": "MARKETING",
   "components": [
    {
     "type": "BODY",
     "text": "Ciao {{1}}, le nostre proposte per l'estate sono arrivate.",
     "example": {
      "body_text": [
       [
        "Marco"
       ]
      ]
     }
    },
    {
     "type": "CAROUSEL",
     "cards": [
      {
       "components": [
        {
         "type": "HEADER",
         "format": "IMAGE",
         "example": {
          "header_handle": [
           "https://scontent.example/a.jpg"
          ]
         }
        },
        {
         "type": "BODY",
         "text": "Montagna, 7 notti da {{1}} a persona.",
         "example": {
          "body_text": [
           [
            "499 €"
           ]
          ]
         }
        },
        {
         "type": "BUTTONS",
         "buttons": [
          {
           "type": "QUICK_REPLY",
           "text": "Mi interessa"
          },
          {
           "type": "URL",
           "text": "Prenota",
           "url": "https://viaggi.example.it/{{1}}",
           "example": [
            "https://viaggi.example.it/montagna"
           ]
          }
         ]
        }
       ]
      },
      {
       "components": [
        {
         "type": "HEADER",
         "format": "IMAGE",
         "example": {
          "header_handle": [
           "https://scontent.example/b.jpg"
          ]
         }
        },
        {
         "type": "BODY",
         "text": "Mare, 5 notti da {{1}} a persona.",
         "example": {
          "body_text": [
           [
            "399 €"
           ]
          ]
         }
        },
        {
         "type": "BUTTONS",
         "buttons": [
          {
           "type": "QUICK_REPLY",
           "text": "Mi interessa"
          },
          {
           "type": "URL",
           "text": "Prenota",
           "url": "https://viaggi.example.it/{{1}}",
           "example": [
            "https://viaggi.example.it/mare"
           ]
          }
         ]
        }
       ]
      }
     ]
    }
   ]
  },
  {
   "id": "113",
   "name": "oferta_relampago",
   "language": "pt_PT",
   "status": "APPROVED",
   "category": "MARKETING",
   "components": [
    {
     "type": "LIMITED_TIME_OFFER",
     "limited_time_offer": {
      "text": "Oferta relâmpago",
      "has_expiration": true
     }
    },
    {
     "type": "BODY",
     "text": "Olá {{1}}! Só hoje: 30% de desconto em toda a loja.",
     "example": {
      "body_text": [
       [
        "Rita"
       ]
      ]
     }
    },
    {
     "type": "BUTTONS",
     "buttons": [
      {
       "type": "COPY_CODE",
       "example": "VERAO30"
      },
      {
       "type": "URL",
       "text": "Comprar",
       "url": "https://loja.example.pt/promo"
      }
     ]
    }
   ]
  }
 ]
};
